package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wire.CloseChannel;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;

/** Disconnects, closed channels and shutdown with shares pending at the mint. */
class LifecycleTest {
    @TempDir
    Path dir;

    private static long metric(PoolFixture pool, String series) throws Exception {
        return PoolFixture.sample(pool.scrape("/metrics"), series);
    }

    @Test
    void disconnectWithPendingSharesLeavesNothingBehind() throws Exception {
        Map<String, String> cfg = Map.of("share.mint-timeout-ms", "60000");
        try (PoolFixture pool = new PoolFixture(dir, cfg)) {
            pool.issuer.close();
            Sv2TestClient c = pool.client(true);
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            for (int seq = 1; seq <= 5; seq++) c.submit(c.findShare(ch, true), seq);
            waiting().until(() -> metric(pool, "sharemint_shares_pending") == 5);
            c.close();
            waiting().until(() -> metric(pool, "sharemint_shares_pending") == 0);
            assertEquals(0, metric(pool, "sharemint_connections_open"));
            assertEquals(0, metric(pool, "sharemint_channels_open"));
            assertEquals(0, pool.server.context().connections.size());
            // the mint still answers later: the quotes exist, locked to the channel's key
            pool.issuer.open();
            waiting().until(() -> pool.issuer.ledger.size() == 5);
            assertEquals(5, metric(pool, "sharemint_quotes_created_total"));
            assertEquals(0, metric(pool, "sharemint_quotes_late_total"), "orphaned quotes are not late ones");
        }
    }

    @Test
    void closingAChannelSettlesItsPendingShares() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("share.mint-timeout-ms", "60000")); Sv2TestClient c = pool.client(true)) {
            pool.issuer.close();
            Sv2TestClient.Channel gone = c.openStandard(PoolFixture.IDENTITY);
            Sv2TestClient.Channel kept = c.openStandard(PoolFixture.IDENTITY);
            c.submit(c.findShare(gone, true), 1);
            c.submit(c.findShare(kept, true), 2);
            waiting().until(() -> metric(pool, "sharemint_shares_pending") == 2);
            c.send(new CloseChannel(gone.id, "bye"));
            waiting().until(() -> metric(pool, "sharemint_shares_pending") == 1);
            Sv2TestClient.Share late = c.findShare(gone, true);
            c.submit(late, 3);
            assertEquals("invalid-channel-id", c.awaitMessage(SubmitSharesError.class, e -> e.sequenceNumber() == 3).errorCode());
            pool.issuer.open();
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.channelId() == kept.id);
            assertEquals(0, c.all(SubmitSharesSuccess.class, s -> s.channelId() == gone.id).size());
            assertEquals(0, c.all(ShareQuote.class, q -> q.channelId() == gone.id).size(), "nothing more about a closed channel");
        }
    }

    @Test
    void shutdownWaitsForPendingSharesAndRefusesNewOnes() throws Exception {
        Map<String, String> cfg = Map.of("share.mint-timeout-ms", "60000", "shutdown.drain-ms", "20000");
        PoolFixture pool = new PoolFixture(dir, cfg);
        try (Sv2TestClient c = pool.client(true)) {
            pool.issuer.close();
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            for (int seq = 1; seq <= 3; seq++) c.submit(c.findShare(ch, true), seq);
            waiting().until(() -> metric(pool, "sharemint_shares_pending") == 3);
            var address = pool.server.minerAddress();
            Thread closer = Thread.ofVirtual().start(pool.server::close);
            waiting().ignoreExceptions().until(() -> {
                try (Socket s = new Socket(address.getAddress(), address.getPort())) {
                    return false;
                } catch (ConnectException e) {
                    return true; // the listener is closed: shutdown has begun
                }
            });
            c.submit(c.findShare(ch, true), 4);
            assertEquals("pool-shutdown", c.awaitMessage(SubmitSharesError.class, e -> e.sequenceNumber() == 4).errorCode());
            pool.issuer.open(); // the mint answers within the drain period
            closer.join();
            c.awaitClosedByPool();
            assertEquals(3, c.all(ShareQuote.class, q -> true).size());
            Set<Integer> acked = new HashSet<>();
            for (SubmitSharesSuccess s : c.all(SubmitSharesSuccess.class, s -> true)) acked.add(s.lastSequenceNumber());
            assertEquals(Set.of(1, 2, 3), acked);
            assertEquals(1, c.all(SubmitSharesError.class, e -> true).size());
            assertEquals(0, pool.server.pendingShares());
        } finally {
            pool.close();
        }
    }

    @Test
    void sharesStillPendingAfterTheDrainAreAnsweredPoolShutdown() throws Exception {
        Map<String, String> cfg = Map.of("share.mint-timeout-ms", "1000", "shutdown.drain-ms", "200");
        PoolFixture pool = new PoolFixture(dir, cfg);
        try (Sv2TestClient c = pool.client(true)) {
            pool.issuer.close();
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            c.submit(c.findShare(ch, true), 1);
            waiting().until(() -> pool.issuer.waitingAtGate.get() == 1); // share 1 is at the (hung) mint
            c.submit(c.findShare(ch, true), 2);
            c.submit(c.findShare(ch, true), 3); // 2 and 3 wait in the queue
            waiting().until(() -> metric(pool, "sharemint_shares_pending") == 3);
            pool.server.close();
            c.awaitClosedByPool();
            List<SubmitSharesError> errors = c.all(SubmitSharesError.class, e -> true);
            assertEquals(3, errors.size(), "exactly one answer per share: " + errors);
            assertEquals("mint-timeout", c.find(SubmitSharesError.class, e -> e.sequenceNumber() == 1).errorCode(),
                    "the share at the mint keeps its deadline");
            assertEquals("pool-shutdown", c.find(SubmitSharesError.class, e -> e.sequenceNumber() == 2).errorCode());
            assertEquals("pool-shutdown", c.find(SubmitSharesError.class, e -> e.sequenceNumber() == 3).errorCode());
            assertEquals(0, c.all(SubmitSharesSuccess.class, s -> true).size());
            assertEquals(0, pool.server.pendingShares());
            pool.issuer.open();
            waiting().until(() -> pool.issuer.returned.get() == 1);
            assertEquals(0, pool.issuer.ledger.size(), "no quote for a share answered with an error");
        } finally {
            pool.close();
        }
    }

    @Test
    void closeIsIdempotentAndStopsListening() throws Exception {
        PoolFixture pool = new PoolFixture(dir, Map.of());
        var miners = pool.server.minerAddress();
        var monitor = pool.server.monitorAddress();
        pool.server.close();
        pool.server.close();
        assertThrows(IOException.class, () -> Sv2TestClient.connect(miners));
        assertThrows(IOException.class, () -> new Socket(monitor.getAddress(), monitor.getPort()).close());
    }
}
