package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sharemint pool}: help, a bad value, and a real process that serves until SIGTERM and exits 0. */
class PoolCommandTest {
    private static final Pattern METRICS = Pattern.compile("metrics: +http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;

    @Test
    void helpListsTheKeysWithDefaults() {
        CommandRun.Result r = CommandRun.run("pool", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("pool.listen") && r.out().contains("127.0.0.1:34254"), r.out());
        assertTrue(r.out().contains("share.mint-timeout-ms") && r.out().contains("shutdown.drain-ms"), r.out());
    }

    @Test
    void badValueExits2() {
        CommandRun.Result r = CommandRun.run("pool", "--channel.min-difficulty=0");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("channel.min-difficulty: expected a number"), r.err());
    }

    @Test
    void servesUntilSigtermThenExitsZero() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "org.sharemint.Main", "pool",
                "--data.dir=" + dir, "--pool.listen=127.0.0.1:0", "--monitor.listen=127.0.0.1:0", "--mint.http.listen=127.0.0.1:0"))
                .redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        try {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                        Matcher m = METRICS.matcher(line);
                        if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                    }
                } catch (IOException e) {
                    port.completeExceptionally(e);
                }
                port.completeExceptionally(new AssertionError("pool exited before listening:\n" + log));
            });
            int metricsPort = port.get(60, TimeUnit.SECONDS);
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode());
            }
            synchronized (log) {
                assertTrue(log.toString().contains("miners:") && log.toString().contains("(Noise, authority key "), log.toString());
                assertTrue(log.toString().contains("cashu http: http://127.0.0.1:"), log.toString());
            }
            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exited after SIGTERM");
            assertEquals(0, p.exitValue(), "graceful shutdown exits 0:\n" + log);
            reader.join(Duration.ofSeconds(30)); // the rest of its output
            synchronized (log) {
                assertTrue(log.toString().contains("pool stopped"), log.toString());
                assertTrue(log.toString().contains("mint: closed"), log.toString());
                // no noise on a first start (issue 11): a new ledger is made at the current schema, JCTools
                // touches no sun.misc.Unsafe, and no acceptance rate is made up for zero shares
                assertTrue(log.toString().contains("ledger created at schema version"), log.toString());
                assertTrue(!log.toString().contains("migrated") && !log.toString().contains("quotes copied"), log.toString());
                assertTrue(!log.toString().contains("sun.misc.Unsafe"), log.toString());
                assertTrue(log.toString().contains("shares 0,") && !log.toString().contains("% accepted"), log.toString());
            }
        } finally {
            p.destroyForcibly();
        }
    }
}
