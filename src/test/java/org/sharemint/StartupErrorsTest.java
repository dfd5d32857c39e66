package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.CommandRun.Result;

/**
 * The errors a user meets starting a command (issue 11): each is one line naming the setting and
 * the reason, exit 2, and nothing is made on disk. Real sockets and real files.
 */
class StartupErrorsTest {
    @TempDir
    Path tmp;

    private String[] pool(Path dataDir, String... more) {
        return Stream.concat(Stream.of("pool", "--data.dir=" + dataDir, "--pool.listen=127.0.0.1:0", "--mint.http.listen=127.0.0.1:0",
                "--monitor.listen=127.0.0.1:0"), Stream.of(more)).toArray(String[]::new);
    }

    private static void assertOneLine(Result r, String expected) {
        assertEquals(2, r.code(), r.err());
        assertEquals(expected + "\n", r.said());
    }

    @Test
    void eachListenerInUseIsNamedAndNothingIsMade() throws IOException {
        for (String key : List.of("pool.listen", "mint.http.listen", "monitor.listen")) {
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Path data = tmp.resolve("data-" + key);
                String where = "127.0.0.1:" + taken.getLocalPort();
                Result r = CommandRun.run(pool(data, "--" + key + "=" + where));
                assertOneLine(r, key + ": " + where + " is in use");
                assertFalse(Files.exists(data), "no data dir, seed, ledger or key made for " + key);
            }
        }
    }

    @Test
    void theMintCommandChecksItsListenerFirstToo() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path data = tmp.resolve("data");
            String where = "127.0.0.1:" + taken.getLocalPort();
            assertOneLine(CommandRun.run("mint", "--data.dir=" + data, "--mint.http.listen=" + where, "--mint.link.address=127.0.0.1:0", "--monitor.listen=127.0.0.1:0"), "mint.http.listen: " + where + " is in use");
            assertFalse(Files.exists(data));
        }
    }

    @Test
    void aPortOutOfRangeSaysSo() {
        assertOneLine(CommandRun.run("pool", "--pool.listen=127.0.0.1:99999"), "pool.listen: port out of range (0 to 65535), got \"127.0.0.1:99999\"");
    }

    @Test
    void aSettingWithoutItsValueIsRefused() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> before = list(cwd);
        assertOneLine(CommandRun.run("pool", "--data.dir"), "--data.dir needs a value: --data.dir=VALUE");
        assertOneLine(CommandRun.run("keygen", "--data.dir"), "--data.dir needs a value: --data.dir=VALUE");
        assertOneLine(CommandRun.run("mint", "--config"), "--config needs a value: --config=FILE");
        assertEquals(before, list(cwd), "nothing made in the working directory (no ./true)");
        assertFalse(Files.exists(cwd.resolve("true")));
    }

    @Test
    void aBareTrueFalseSettingStillMeansTrue() {
        // --pool.noise alone is a flag; the run then fails on the port, after the flag was taken
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = CommandRun.run(pool(tmp.resolve("d"), "--pool.noise", "--pool.listen=127.0.0.1:" + taken.getLocalPort()));
            assertOneLine(r, "pool.listen: 127.0.0.1:" + taken.getLocalPort() + " is in use");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aConfigFileThatCannotBeRead() {
        Path missing = tmp.resolve("nope.properties");
        assertOneLine(CommandRun.run("pool", "--config=" + missing), "--config: cannot read " + missing + ": no such file or directory");
        assertOneLine(CommandRun.run("pool", "--config=" + tmp), "--config: cannot read " + tmp + ": is a directory");
    }

    @Test
    void aDataDirThatIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertOneLine(CommandRun.run(pool(file)), "data.dir: " + file + " is a file, not a directory");
        assertOneLine(CommandRun.run("keygen", "--data.dir=" + file), "data.dir: " + file + " is a file, not a directory");
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aDataDirThatCannotBeMade() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path under = file.resolve("data");
        assertOneLine(CommandRun.run(pool(under)), "data.dir: cannot make " + under + ": " + file + " is a file");
        assertOneLine(CommandRun.run("keygen", "--data.dir=" + under), "data.dir: cannot make " + under + ": " + file + " is a file");
    }

    @Test
    void aDataDirThatIsNotWritable() throws IOException {
        Path dir = unwritableDir();
        assumeTrue(dir != null, "no directory this user cannot write in");
        List<Path> before = list(dir);
        assertOneLine(CommandRun.run(pool(dir)), "data.dir: " + dir + " is not writable (permission denied)");
        assertEquals(before, list(dir), "nothing made in it");
    }

    /** A 0500 temp dir; as root (who may write anywhere) /sys, where even root may not create files. */
    private Path unwritableDir() throws IOException {
        Path d = Files.createDirectory(tmp.resolve("ro"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
        if (!canCreateIn(d)) return d;
        Path sys = Path.of("/sys");
        return Files.isDirectory(sys) && !canCreateIn(sys) ? sys : null;
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
