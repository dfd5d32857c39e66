package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sharemint mint}: help, a bad setting, and a real process that serves HTTP and /metrics until SIGTERM. */
class MintCommandTest {
    private static final Pattern LISTENING = Pattern.compile("Cashu HTTP API on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;

    @Test
    void helpListsTheKeys() {
        CommandRun.Result r = CommandRun.run("mint", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("mint.http.listen") && r.out().contains("mint.db.url") && r.out().contains("monitor.listen"), r.out());
        assertTrue(!r.out().contains("pool.listen") && !r.out().contains("share.batch-size"), "only the keys the mint reads:\n" + r.out());
    }

    @Test
    void badSettingExits2() {
        CommandRun.Result r = CommandRun.run("mint", "--mint.keyset-id-version=3");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("mint.keyset-id-version: expected one of 1, 2"), r.err());
    }

    @Test
    void servesUntilSigterm() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "org.sharemint.Main", "mint",
            "--data.dir=" + dir, "--mint.http.listen=127.0.0.1:0", "--mint.link.address=127.0.0.1:0", "--monitor.listen=127.0.0.1:0")).redirectErrorStream(true).start();
        try {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            CompletableFuture<Integer> monitorPort = new CompletableFuture<>();
            StringBuilder log = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) port.complete(Integer.parseInt(m.group(1)));
                        Matcher mm = METRICS.matcher(line);
                        if (mm.find()) monitorPort.complete(Integer.parseInt(mm.group(1)));
                    }
                } catch (java.io.IOException e) {
                    port.completeExceptionally(e);
                }
                port.completeExceptionally(new AssertionError("mint exited before listening:\n" + log));
                monitorPort.completeExceptionally(new AssertionError("mint exited before serving /metrics:\n" + log));
            });
            int httpPort = port.get(30, TimeUnit.SECONDS);
            HttpResponse<String> info = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v1/info")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, info.statusCode());
            assertTrue(info.body().contains("\"ehash\""), info.body());
            // the mint alone serves its series, the process's and the JVM's on monitor.listen
            URI monitor = URI.create("http://127.0.0.1:" + monitorPort.get(30, TimeUnit.SECONDS));
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(monitor.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("\nsharemint_mint_http_requests_total{endpoint=\"GET /v1/info\",status=\"200\"} 1\n"), metrics);
            assertTrue(metrics.contains("\nsharemint_mint_swaps_total 0\n"), metrics);
            assertTrue(metrics.contains("\n# TYPE sharemint_mint_ledger_commit_seconds histogram\n"), metrics);
            assertTrue(metrics.contains("\nsharemint_build_info{"), metrics);
            assertTrue(metrics.contains("\n# TYPE process_cpu_seconds_total counter\n") && metrics.contains("\njvm_threads_current "), metrics);
            assertTrue(!metrics.contains("sharemint_shares_received_total"), "no pool series in the mint alone");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(monitor.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            // and /api/v1/mint: its keyset and an empty ledger; no pool here
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(monitor.resolve("/api/v1/mint")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, api.statusCode(), api.body());
            assertTrue(api.body().contains("\"mode\":\"standalone\"") && api.body().contains("\"active\":true")
                && api.body().contains("\"PAID\":{\"count\":0,"), api.body());
            assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(monitor.resolve("/api/v1/pool")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
            synchronized (log) {
                assertTrue(log.toString().contains("mint link listening for pools on 127.0.0.1:"), log.toString());
                assertTrue(!log.toString().contains(Files.readString(dir.resolve("mint.seed")).strip()), "the seed is never logged");
            }
            p.toHandle().destroy(); // SIGTERM (Process.destroy would also close our end of its output)
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "exited after SIGTERM");
            reader.join(Duration.ofSeconds(10)); // the rest of its output
            synchronized (log) {
                assertEquals(0, p.exitValue(), "a clean stop, not the JVM ended by the signal (143):\n" + log);
                assertTrue(log.toString().contains("mint: closed"), log.toString());
            }
            assertTrue(Files.exists(dir.resolve("mint.db")));
        } finally {
            p.destroyForcibly();
        }
    }
}
