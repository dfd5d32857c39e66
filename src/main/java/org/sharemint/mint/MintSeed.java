package org.sharemint.mint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.tinylog.Logger;

/**
 * The mint's root secret: 32 random bytes in {@code data.dir/mint.seed} (64 hex digits), created
 * on first start with mode 0600. Every keyset's private keys derive from it, so losing it loses
 * the keys and leaking it leaks them: it is never logged, and this class has no toString.
 */
public final class MintSeed {
    public static final String FILE_NAME = "mint.seed";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private MintSeed() {}

    /** Reads {@code dataDir/mint.seed}, creating the directory and the seed when missing. */
    public static byte[] loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) return read(file);
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        write(file, seed);
        Logger.info("created a new mint seed in {} (mode 0600; back it up: every keyset derives from it)", file);
        return seed;
    }

    private static byte[] read(Path file) throws IOException {
        if (posix(file)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                Logger.warn("{} is readable by others ({}); chmod 600 it", file, PosixFilePermissions.toString(perms));
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() != 64) throw new IOException(file + ": expected 64 hex digits, found " + text.length() + " characters");
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not hex");
        }
    }

    /** Writes a temporary 0600 file, syncs it, then renames it into place, so a crash leaves no half seed. */
    private static void write(Path file, byte[] seed) throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        FileAttribute<?>[] attrs = posix(file.getParent())
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
        Files.createFile(tmp, attrs);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((HexFormat.of().formatHex(seed) + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        }
        syncDirectory(file.getParent());
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory; the rename is still done
            Logger.debug("could not sync directory {}: {}", dir, e.getMessage());
        }
    }

    private static boolean posix(Path p) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix") && p != null;
    }
}
