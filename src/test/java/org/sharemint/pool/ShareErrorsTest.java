package org.sharemint.pool;

import static org.sharemint.pool.Sv2TestClient.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesExtended;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.SubmitSharesSuccess;

/** Every SubmitShares.Error code the pool sends, each provoked over a real socket. */
class ShareErrorsTest {
    @TempDir
    Path dir;

    private static String errorFor(Sv2TestClient c, int seq) {
        return c.awaitMessage(SubmitSharesError.class, e -> e.sequenceNumber() == seq).errorCode();
    }

    @Test
    void validationErrors() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            Sv2TestClient.Channel ext = c.openExtended(PoolFixture.IDENTITY, 0);

            c.send(new SubmitSharesStandard(999_999, 1, 1, 0, 0, 0));
            SubmitSharesError e1 = c.awaitMessage(SubmitSharesError.class, e -> e.sequenceNumber() == 1);
            assertEquals("invalid-channel-id", e1.errorCode());
            assertEquals(999_999, e1.channelId(), "the error names the channel the submit carried");

            Sv2TestClient.Share good = c.findShare(ch, true);
            c.send(new SubmitSharesStandard(ch.id, 2, 777_777, good.nonce(), good.ntime(), good.version()));
            assertEquals("invalid-job-id", errorFor(c, 2));

            c.submit(c.findShare(ch, false), 3);
            assertEquals("difficulty-too-low", errorFor(c, 3));

            c.submit(good, 4);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 4);
            c.submit(good, 5);
            assertEquals("duplicate-share", errorFor(c, 5));

            c.send(new SubmitSharesStandard(ch.id, 6, good.jobId(), good.nonce(), good.ntime(), good.version() ^ 0x40000000));
            assertEquals("invalid-non-rollable-version-bit", errorFor(c, 6));

            // general purpose bits (BIP320) may be rolled
            c.submit(c.findShare(ch, true, 0x00ffe000), 7);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 7);

            c.send(new SubmitSharesStandard(ch.id, 8, good.jobId(), good.nonce(), good.ntime() - 1, good.version()));
            assertEquals("invalid-share", errorFor(c, 8));
            c.send(new SubmitSharesStandard(ch.id, 9, good.jobId(), good.nonce(), good.ntime() + 7201, good.version()));
            assertEquals("invalid-share", errorFor(c, 9));

            Sv2TestClient.Share eg = c.findShare(ext, true);
            c.send(new SubmitSharesExtended(ext.id, 10, eg.jobId(), eg.nonce(), eg.ntime(), eg.version(), new byte[3]));
            assertEquals("bad-extranonce-size", errorFor(c, 10));
            c.send(new SubmitSharesStandard(ext.id, 11, eg.jobId(), eg.nonce(), eg.ntime(), eg.version()));
            assertEquals("bad-extranonce-size", errorFor(c, 11));

            // a new block: jobs of the earlier prev hash are stale
            Sv2TestClient.Share old = c.findShare(ch, true);
            int oldJob = ch.active.id();
            pool.server.advanceChain(true);
            waiting().until(() -> ch.active.id() != oldJob);
            c.submit(old, 12);
            assertEquals("stale-share", errorFor(c, 12));
            c.submit(c.findShare(ch, true), 13);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 13);

            // a job with min_ntime set between blocks is active at once; the earlier job stays valid
            Sv2TestClient.Share before = c.findShare(ch, true);
            pool.server.advanceChain(false);
            waiting().until(() -> ch.active.id() != before.jobId());
            c.submit(before, 14);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 14);
            c.submit(c.findShare(ch, true), 15);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 15);

            String metrics = pool.scrape("/metrics");
            assertEquals(1, PoolFixture.sample(metrics, "sharemint_shares_received_total{result=\"stale-share\"}"));
            assertEquals(2, PoolFixture.sample(metrics, "sharemint_shares_received_total{result=\"invalid-share\"}"));
        }
    }

    @Test
    void mintRefusalIsMintQuoteFailed() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(true)) {
            pool.issuer.refuseWith = "invalid-locking-key";
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            c.submit(c.findShare(ch, true), 1);
            assertEquals("mint-quote-failed", errorFor(c, 1));
            assertNull(c.find(ShareQuote.class, q -> true));
            assertNull(c.find(SubmitSharesSuccess.class, q -> true));
        }
    }

    @Test
    void slowMintIsMintTimeoutAndNoQuoteComesAfterwards() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("share.mint-timeout-ms", "200")); Sv2TestClient c = pool.client(true)) {
            pool.issuer.ignoreDeadlines = true; // the worst case: the mint commits after the deadline
            pool.issuer.close();
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            c.submit(c.findShare(ch, true), 1);
            assertEquals("mint-timeout", errorFor(c, 1));
            pool.issuer.open();
            waiting().until(() -> pool.issuer.returned.get() == 1);
            // the worker lost the compare-and-set: the late quote is counted and never announced
            waiting().until(() -> PoolFixture.sample(pool.scrape("/metrics"), "sharemint_quotes_late_total") == 1);
            c.submit(c.findShare(ch, true), 2);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 2);
            assertNull(c.find(ShareQuote.class, q -> q.sequenceNumber() == 1), "no quote for a share told mint-timeout");
            assertNull(c.find(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 1));
            assertEquals(1, c.all(SubmitSharesError.class, e -> true).size());
            assertEquals(0, pool.server.pendingShares());
        }
    }

    @Test
    void lateMintThatHonoursTheDeadlineCreatesNoQuote() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("share.mint-timeout-ms", "200")); Sv2TestClient c = pool.client(true)) {
            pool.issuer.close();
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            c.submit(c.findShare(ch, true), 1);
            assertEquals("mint-timeout", errorFor(c, 1));
            pool.issuer.open();
            waiting().until(() -> pool.issuer.returned.get() == 1);
            assertEquals(0, pool.issuer.ledger.size(), "the request carried its deadline; the mint refused it");
        }
    }

    @Test
    void fullQueueIsMintBusy() throws Exception {
        Map<String, String> cfg = Map.of("share.queue-capacity", "2", "share.mint-timeout-ms", "60000");
        try (PoolFixture pool = new PoolFixture(dir, cfg); Sv2TestClient c = pool.client(true)) {
            pool.issuer.close();
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            c.submit(c.findShare(ch, true), 1);
            waiting().until(() -> pool.issuer.waitingAtGate.get() == 1); // worker holds share 1
            c.submit(c.findShare(ch, true), 2);
            c.submit(c.findShare(ch, true), 3); // the queue (capacity 2) is now full
            c.submit(c.findShare(ch, true), 4);
            assertEquals("mint-busy", errorFor(c, 4));
            pool.issuer.open();
            waiting().until(() -> c.all(SubmitSharesSuccess.class, s -> true).size() == 3);
            assertEquals(3, c.all(ShareQuote.class, q -> true).size());
            assertEquals(1, c.all(SubmitSharesError.class, e -> true).size());
        }
    }
}
