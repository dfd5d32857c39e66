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
        try (PoolProcess pool = PoolProcess.start(dir, 0, LIMIT, "--pool.setup-timeout-ms=120000")) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < LIMIT + 50 && !pool.log().contains("accept failed"); i++) {
                    Socket s = new Socket(pool.miners.getAddress(), pool.miners.getPort());
                    idle.add(s);
                    Thread.sleep(2); // the pool accepts as they come, so its log tells when it ran out
                }
                Sv2TestClient.waiting().atMost(Duration.ofSeconds(60)).until(() -> pool.log().contains("accept failed"));
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

    private static long acceptLines(String log) {
        return log.lines().filter(l -> l.contains("accept failed")).count();
    }
}
