package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * Issue 17 point 9, pool side: a pool process under {@code ulimit -n 256} whose descriptors are
 * all taken by idle connections backs off its accept loop (little CPU, one log line per
 * interval) and serves a miner once the idle connections go.
 */
class DescriptorExhaustionTest {
    private static final int LIMIT = 256;

    @TempDir
    Path dir;

    @Test
    void acceptBacksOffWithoutDescriptorsAndServesMinersAfterwards() throws Exception {
        // no reserve: the idle miner connections themselves take the last descriptor
        try (PoolProcess pool = PoolProcess.start(dir, 0, LIMIT, "--pool.setup-timeout-ms=120000", "--pool.descriptor-reserve=0")) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < LIMIT + 50 && !pool.log().contains("accept failed"); i++) {
                    Socket s = new Socket(pool.miners.getAddress(), pool.miners.getPort());
                    idle.add(s);
                    Thread.sleep(2); // the pool accepts as they come, so its log tells when it ran out
                }
                try {
                    Sv2TestClient.waiting().atMost(Duration.ofSeconds(60)).until(() -> pool.log().contains("accept failed"));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("no accept failure with " + idle.size() + " idle connections:\n" + pool.log(), e);
                }
                long lines0 = acceptLines(pool.log());
                long ticks0 = pool.cpuTicks();
                Thread.sleep(3000); // the time over which the CPU is measured
                long ticks = pool.cpuTicks() - ticks0;
                long lines = acceptLines(pool.log()) - lines0;
                System.out.printf("pool out of descriptors for 3 s: %d clock ticks of CPU, %d more accept-failure log lines (%d idle connections)%n",
                        ticks, lines, idle.size());
                assertTrue(ticks < 75, "no busy loop: " + ticks + " ticks of CPU in 3 s");
                assertTrue(lines <= 1, "one line per interval: " + lines + "\n" + pool.log());
            } finally {
                for (Socket s : idle) s.close();
            }
            try (Sv2TestClient miner = Sv2TestClient.ready(pool.miners, true)) {
                Sv2TestClient.Channel ch = miner.openStandard(PoolFixture.IDENTITY);
                miner.submit(miner.findShare(ch, true), 1);
                miner.awaitMessage(SubmitSharesSuccess.class, x -> true);
            }
        }
    }

    /** With the default reserve the same flood meets the connection cap: no accept fails, and the monitor and the mint still answer. */
    @Test
    void theReserveKeepsDescriptorsForTheRestOfThePool() throws Exception {
        try (PoolProcess pool = PoolProcess.start(dir, 0, LIMIT, "--pool.setup-timeout-ms=120000")) {
            assertTrue(pool.log().contains("below pool.max-connections"), pool.log());
            List<Socket> idle = new ArrayList<>();
            try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
                for (int i = 0; i < LIMIT + 50; i++) idle.add(new Socket(pool.miners.getAddress(), pool.miners.getPort()));
                Sv2TestClient.waiting().atMost(Duration.ofSeconds(60)).until(() -> PoolFixture.sample(metrics(http, pool), "sharemint_connections_rejected_total") > 0);
                var info = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(pool.mintUrl() + "/v1/info")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertTrue(info.statusCode() == 200, "the mint answers: " + info.statusCode());
                assertTrue(!pool.log().contains("accept failed"), pool.log());
            } finally {
                for (Socket s : idle) s.close();
            }
            try (Sv2TestClient miner = Sv2TestClient.ready(pool.miners, true)) {
                Sv2TestClient.Channel ch = miner.openStandard(PoolFixture.IDENTITY);
                miner.submit(miner.findShare(ch, true), 1);
                miner.awaitMessage(SubmitSharesSuccess.class, x -> true);
            }
        }
    }

    private static String metrics(java.net.http.HttpClient http, PoolProcess pool) throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + pool.metricsPort + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long acceptLines(String log) {
        return log.lines().filter(l -> l.contains("accept failed")).count();
    }
}
