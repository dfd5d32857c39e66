package org.sharemint.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory data.dir names, made when missing and locked for as long as this instance is
 * open: two processes on one ledger and one seed would each think they own them. The lock is
 * {@value #LOCK_FILE} (the holder's pid inside) with an OS file lock on it, which the OS drops
 * when the holder dies, so a crash never leaves the directory locked.
 */
public final class DataDir implements AutoCloseable {
    /** The lock file's name in the data directory. */
    public static final String LOCK_FILE = "sharemint.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDir(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Makes {@code dir} when missing and locks it.
     *
     * @throws ConfigException naming data.dir and the reason (a file, not writable, cannot be
     *     made, or locked by another process, whose pid it names)
     */
    public static DataDir lock(Path dir) throws ConfigException {
        make("data.dir", dir);
        Path file = dir.resolve(LOCK_FILE);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new ConfigException("data.dir: " + dir + " is not writable (permission denied)");
        } catch (IOException e) {
            throw new ConfigException("data.dir: cannot write in " + dir + ": " + reason(e, file));
        }
        try {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM holds it already (another pool or mint in the same process)
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new ConfigException("data.dir: " + dir + " is in use by another sharemint (" + holder + "; lock file " + file + ")");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            return new DataDir(dir, ch, lock);
        } catch (IOException e) {
            try {
                ch.close();
            } catch (IOException c) {
                e.addSuppressed(c);
            }
            throw new ConfigException("data.dir: cannot lock " + file + ": " + reason(e, file));
        }
    }

    /**
     * Makes directory {@code dir} (and its parents) when missing, with an error naming
     * {@code setting} when it is a file or cannot be made.
     */
    public static void make(String setting, Path dir) throws ConfigException {
        if (Files.isDirectory(dir)) return;
        if (Files.exists(dir)) throw new ConfigException(setting + ": " + dir + " is a file, not a directory");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            Path p = dir.toAbsolutePath().getParent();
            while (p != null && !Files.exists(p)) p = p.getParent();
            if (p != null && !Files.isDirectory(p)) throw new ConfigException(setting + ": cannot make " + dir + ": " + p + " is a file");
            throw new ConfigException(setting + ": cannot make " + dir + ": " + reason(e, dir));
        }
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            if (pid.equals(Long.toString(ProcessHandle.current().pid()))) return "this process, pid " + pid;
            return pid.isEmpty() ? "a process starting up" : "pid " + pid;
        } catch (IOException e) {
            return "a process whose pid cannot be read: " + reason(e, null);
        }
    }

    /**
     * What went wrong with a file, in words, for one-line errors (not the exception's class);
     * the path the exception names is added when it is not {@code about}, which the message names.
     */
    public static String reason(IOException e, Path about) {
        String why;
        if (e instanceof NoSuchFileException) why = "no such file or directory";
        else if (e instanceof AccessDeniedException) why = "permission denied";
        else if (e instanceof FileAlreadyExistsException) why = "a file is in the way";
        else if (e instanceof NotDirectoryException) why = "not a directory";
        else if (e instanceof FileSystemException f && f.getReason() != null) why = f.getReason();
        else why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        why = why.isEmpty() ? why : Character.toLowerCase(why.charAt(0)) + why.substring(1);
        if (e instanceof FileSystemException f && f.getFile() != null) {
            String file = f.getFile();
            boolean same = about != null && (file.equals(about.toString()) || file.equals(about.toAbsolutePath().toString()));
            if (!same) why += " (" + file + ")";
        }
        return why;
    }

    public Path path() {
        return dir;
    }

    /** Releases the lock (the file stays; the next holder overwrites the pid). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
        } finally {
            channel.close();
        }
    }
}
