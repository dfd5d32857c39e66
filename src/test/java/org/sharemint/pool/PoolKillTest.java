package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wallet.MintClient;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * Issue 17's first paragraph, kept: the pool process is killed (SIGKILL) while miners submit;
 * after a restart on the same ledger every quote a miner was told of (ShareQuote) is there,
 * and no miner got a Success for more shares than it got quotes for.
 */
class PoolKillTest {
    private static final int ROUNDS = 2;
    private static final int MINERS = 3;

    @TempDir
    Path dir;

    @Test
    void everyAnnouncedQuoteSurvivesSigkill() throws Exception {
        Path data = dir.resolve("data");
        List<String> announced = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            try (PoolProcess pool = PoolProcess.start(data, 0, 0)) {
                List<Sv2TestClient> miners = new ArrayList<>();
                List<Thread> loops = new ArrayList<>();
                AtomicBoolean stop = new AtomicBoolean();
                try {
                    List<Sv2TestClient.Channel> channels = new ArrayList<>();
                    for (int i = 0; i < MINERS; i++) {
                        try {
                            Sv2TestClient m = Sv2TestClient.ready(pool.miners, true);
                            miners.add(m);
                            channels.add(m.openStandard(PoolFixture.IDENTITY));
                        } catch (RuntimeException e) {
                            throw new AssertionError("round " + round + ", miner " + i + " not served:\n" + pool.log(), e);
                        }
                    }
                    // platform threads, started once every miner is set up: a loop that grinds and
                    // submits without ever blocking would hold a virtual thread's carrier for good
                    for (int i = 0; i < MINERS; i++) {
                        Sv2TestClient m = miners.get(i);
                        Sv2TestClient.Channel ch = channels.get(i);
                        loops.add(Thread.ofPlatform().daemon().start(() -> {
                            try {
                                for (int seq = 1; !stop.get() && !m.ended; seq++) m.submit(m.findShare(ch, true), seq);
                            } catch (Exception e) {
                                // the pool is gone
                            }
                        }));
                    }
                    try {
                        Sv2TestClient.waiting().atMost(Duration.ofSeconds(60))
                                .until(() -> miners.stream().mapToInt(m -> m.all(ShareQuote.class, q -> true).size()).sum() >= 200);
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        int quotes = miners.stream().mapToInt(m -> m.all(ShareQuote.class, q -> true).size()).sum();
                        throw new AssertionError("round " + round + ": " + quotes + " quotes in 60 s, not 200; the pool's log:\n" + pool.log(), e);
                    }
                    pool.kill(); // SIGKILL under load
                    for (Sv2TestClient m : miners) Sv2TestClient.waiting().until(() -> m.ended);
                } finally {
                    stop.set(true);
                    for (Thread t : loops) t.join(30_000);
                    for (Sv2TestClient m : miners) m.close();
                }
                for (Sv2TestClient m : miners) {
                    List<ShareQuote> quotes = m.all(ShareQuote.class, q -> true);
                    long acked = m.all(SubmitSharesSuccess.class, s -> true).stream().mapToLong(SubmitSharesSuccess::newSubmitsAcceptedCount).sum();
                    assertTrue(acked <= quotes.size(), "a Success without its ShareQuote: " + acked + " acknowledged, " + quotes.size() + " quotes");
                    for (ShareQuote q : quotes) announced.add(q.quoteId());
                }
            }
        }
        try (PoolProcess restarted = PoolProcess.start(data, 0, 0); HttpClient http = HttpClient.newHttpClient()) {
            MintClient mint = new MintClient(restarted.mintUrl(), http, Duration.ofSeconds(30));
            int found = 0;
            for (String id : announced) {
                assertEquals(id, mint.quote(id).quote(), "quote " + id + " is in the ledger");
                found++;
            }
            System.out.printf("SIGKILL under load, %d rounds: %d announced quotes, %d in the ledger after restart%n", ROUNDS, announced.size(), found);
            assertTrue(announced.size() >= 200 * ROUNDS);
        }
    }
}
