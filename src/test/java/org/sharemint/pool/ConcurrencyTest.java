package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wire.Message;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;

/** Many connections at once: every reply reaches the connection (and channel) that submitted, once. */
class ConcurrencyTest {
    private static final int CONNECTIONS = 200;
    private static final int SHARES = 5;

    @TempDir
    Path dir;

    @Test
    void twoHundredConnectionsEachGetOnlyTheirOwnRepliesExactlyOnce() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of())) {
            List<Sv2TestClient> clients = new ArrayList<>();
            Map<Sv2TestClient, Sv2TestClient.Channel> channels = new HashMap<>();
            Map<Sv2TestClient, Map<Integer, byte[]>> submitted = new ConcurrentHashMap<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Sv2TestClient c = pool.client(true);
                    clients.add(c);
                    channels.put(c, c.openStandard(PoolFixture.IDENTITY));
                }
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> miners = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    Sv2TestClient c = clients.get(i);
                    int base = i * 1000; // sequence numbers unique across clients, so crossed wires would show
                    miners.add(Thread.ofVirtual().start(() -> {
                        try {
                            go.await();
                            Map<Integer, byte[]> mine = new HashMap<>();
                            for (int s = 1; s <= SHARES; s++) {
                                Sv2TestClient.Share share = c.findShare(channels.get(c), true);
                                mine.put(base + s, share.hash());
                                c.submit(share, base + s);
                            }
                            submitted.put(c, mine);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
                go.countDown();
                for (Thread t : miners) t.join();
                assertEquals(CONNECTIONS, submitted.size());
                for (Sv2TestClient c : clients) {
                    waiting().until(() -> c.all(SubmitSharesSuccess.class, s -> true).size() >= SHARES);
                }
                Set<Integer> channelIds = new HashSet<>();
                for (Sv2TestClient c : clients) {
                    int channel = channels.get(c).id;
                    assertTrue(channelIds.add(channel));
                    Map<Integer, byte[]> mine = submitted.get(c);
                    List<Integer> acked = new ArrayList<>();
                    for (Message m : c.received) {
                        if (m instanceof SubmitSharesSuccess s) {
                            assertEquals(channel, s.channelId());
                            assertEquals(1, s.newSubmitsAcceptedCount());
                            acked.add(s.lastSequenceNumber());
                        } else if (m instanceof ShareQuote q) {
                            assertEquals(channel, q.channelId());
                            assertArrayEquals(mine.get(q.sequenceNumber()), q.shareHash(), "the quote is for this client's share");
                        }
                    }
                    assertEquals(SHARES, acked.size(), "exactly one reply per submit");
                    assertEquals(mine.keySet(), new HashSet<>(acked));
                    assertEquals(SHARES, c.all(ShareQuote.class, q -> true).size());
                    assertEquals(0, c.all(SubmitSharesError.class, e -> true).size());
                }
                assertEquals(CONNECTIONS * SHARES, pool.issuer.ledger.size());
                assertEquals(0, pool.server.pendingShares());
                waiting().until(() -> pool.server.queuedReplyBytes() == 0); // no reply left queued
                int batches = pool.issuer.batchSizes.size();
                System.out.printf("%d shares from %d connections reached the mint in %d createQuotes calls (largest %d)%n",
                        CONNECTIONS * SHARES, CONNECTIONS, batches, pool.issuer.batchSizes.stream().mapToInt(x -> x).max().orElse(0));
            } finally {
                for (Sv2TestClient c : clients) c.close();
            }
        }
    }
}
