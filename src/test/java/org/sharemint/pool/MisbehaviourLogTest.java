package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 point 4, in a real pool process whose log is its output: 120 connections sending
 * garbage make 10 log lines in full and one count at the end, not 120 lines; the metric counts all.
 */
class MisbehaviourLogTest {
    private static final int PEERS = 120;

    @TempDir
    Path dir;

    @Test
    void garbageFromManyPeersIsLoggedRateLimitedAndCountedInFull() throws Exception {
        try (PoolProcess pool = PoolProcess.start(dir, 0, 0, "--pool.misbehaviour-delay-ms=0")) {
            byte[] garbage = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < PEERS; i++) {
                try (Socket s = new Socket(pool.miners.getAddress(), pool.miners.getPort())) {
                    s.getOutputStream().write(garbage);
                    s.setSoTimeout(30_000);
                    assertEquals(-1, s.getInputStream().read(), "closed by the pool");
                }
            }
            String reason = "sharemint_peer_misbehaviour_total{reason=\"bad-frame\"}";
            try (HttpClient http = HttpClient.newHttpClient()) {
                Sv2TestClient.waiting().until(() -> PoolFixture.sample(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + pool.metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body(),
                        reason) == PEERS);
            }
            pool.close(); // SIGTERM: the held-back count is logged at shutdown
            String log = pool.log();
            long full = log.lines().filter(l -> l.contains(": bad-frame: connection ")).count();
            assertEquals(10, full, log);
            Matcher m = Pattern.compile("miner peers: (\\d+) more misbehaviour events in the last \\d+ s, not logged one by one: \\{bad-frame=(\\d+)\\}")
                    .matcher(log);
            assertTrue(m.find(), log);
            assertEquals(PEERS - 10, Integer.parseInt(m.group(1)));
            assertEquals(PEERS - 10, Integer.parseInt(m.group(2)));
            assertTrue(log.lines().count() < 60, "a short log: " + log.lines().count() + " lines");
        }
    }
}
