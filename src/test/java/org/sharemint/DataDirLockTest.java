package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.config.DataDir;
import org.sharemint.mint.EmbeddedMint;

/** Two sharemint processes on one data dir: the second names the first's pid and exits 2, changing nothing. */
class DataDirLockTest {
    @TempDir
    Path dir;

    private List<String> command(String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return Stream.concat(Stream.of(java, "-cp", System.getProperty("java.class.path"), "org.sharemint.Main"), Stream.of(args)).toList();
    }

    private String[] pool() {
        return new String[] {"pool", "--data.dir=" + dir, "--pool.listen=127.0.0.1:0", "--mint.http.listen=127.0.0.1:0", "--monitor.listen=127.0.0.1:0"};
    }

    @Test
    void aSecondPoolOnTheSameDataDirNamesTheFirstAndExits2() throws Exception {
        Process first = new ProcessBuilder(command(pool())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitLine(first, "metrics:");
            Map<Path, Long> before = sizes();
            Process second = new ProcessBuilder(command(pool())).start();
            second.getOutputStream().close();
            exits(second);
            String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, second.exitValue(), err);
            assertEquals("", out);
            assertEquals("data.dir: " + dir + " is in use by another sharemint (pid " + first.pid() + "; lock file "
                    + dir.resolve(DataDir.LOCK_FILE) + ")\n", err);
            assertEquals(before, sizes(), "the second process changed nothing in the data dir");
            // and so does the mint alone
            Process mint = new ProcessBuilder(command("mint", "--data.dir=" + dir, "--mint.http.listen=127.0.0.1:0", "--mint.link.address=127.0.0.1:0", "--monitor.listen=127.0.0.1:0")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            exits(mint);
            String mintErr = new String(mint.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, mint.exitValue(), mintErr);
            assertTrue(mintErr.startsWith("data.dir: " + dir + " is in use by another sharemint (pid " + first.pid()), mintErr);
            // keygen --force would change the key under the running pool
            String key = Files.readString(dir.resolve("noise-authority.key"));
            CommandRun.Result forced = CommandRun.run("keygen", "--force", "--data.dir=" + dir);
            assertEquals(2, forced.code(), forced.err());
            assertTrue(forced.said().startsWith("data.dir: " + dir + " is in use by another sharemint (pid " + first.pid()), forced.err());
            assertEquals(key, Files.readString(dir.resolve("noise-authority.key")));
        } finally {
            first.toHandle().destroy();
            first.waitFor(60, TimeUnit.SECONDS);
            first.destroyForcibly();
        }
        // the lock went with the first process: a new pool starts
        try (EmbeddedMint m = EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0")))) {
            assertTrue(m.activeKeysetId() != null);
        }
    }

    @Test
    void inOneJvmTheSecondStartIsRefusedAndCloseUnlocks() throws Exception {
        Config config = Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0"));
        try (EmbeddedMint m = EmbeddedMint.start(config)) {
            CommandRun.Result r = CommandRun.run(pool());
            assertEquals(2, r.code(), r.err());
            assertEquals(("data.dir: " + dir + " is in use by another sharemint (this process, pid " + ProcessHandle.current().pid()
                    + "; lock file " + dir.resolve(DataDir.LOCK_FILE) + ")\n"), r.said());
        }
        try (EmbeddedMint again = EmbeddedMint.start(config)) {
            assertTrue(again.activeKeysetId() != null, "closing the first mint released the lock");
        }
    }

    /** Waits for {@code p} to exit by itself (a refused start prints one line, which fits the pipe), else kills it and fails. */
    private static void exits(Process p) throws InterruptedException {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the second process is still running: it was not refused");
        }
    }

    private Map<Path, Long> sizes() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("mint.db")) // the live pool's WAL may move
                    .collect(java.util.stream.Collectors.toMap(p -> p, p -> p.toFile().length()));
        }
    }

    private static void awaitLine(Process p, String text) throws Exception {
        CompletableFuture<Void> seen = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.contains(text)) seen.complete(null);
                }
            } catch (IOException e) {
                seen.completeExceptionally(e);
            }
            seen.completeExceptionally(new AssertionError("exited before printing " + text));
        });
        seen.get(60, TimeUnit.SECONDS);
    }
}
