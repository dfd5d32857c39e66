package org.sharemint.pool;

import static org.sharemint.pool.Sv2TestClient.waiting;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.bitcoin.Targets;
import org.sharemint.mint.QuoteResult;
import org.sharemint.wire.Message;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;

class ShareFlowTest {
    @TempDir
    Path dir;

    @Test
    void standardShareGetsItsQuoteThenSuccess() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            assertEquals(32, ch.prefix.length, "standard channels get the full extranonce as prefix");
            Sv2TestClient.Share s = c.findShare(ch, true);
            c.submit(s, 7);
            SubmitSharesSuccess ok = c.awaitMessage(SubmitSharesSuccess.class, x -> x.channelId() == ch.id);
            assertEquals(7, ok.lastSequenceNumber());
            assertEquals(1, ok.newSubmitsAcceptedCount());
            ShareQuote q = c.find(ShareQuote.class, x -> x.sequenceNumber() == 7);
            assertNotNull(q, "ShareQuote before the success");
            assertTrue(c.received.indexOf(q) < c.received.indexOf(ok), "ShareQuote is written before the success");
            assertArrayEquals(s.hash(), q.shareHash());
            QuoteResult.Quote inLedger = pool.issuer.ledger.get(HexFormat.of().formatHex(s.hash()));
            assertEquals(inLedger.quoteId(), q.quoteId());
            assertArrayEquals(TestIssuer.KEYSET, q.keysetId());
            assertEquals(1L << Targets.leadingZeroBits(s.hash()), q.amount(), "amount 2^(z - 0)");
            assertEquals(0, c.all(SubmitSharesError.class, x -> true).size());
        }
    }

    @Test
    void extendedChannelSharesAreValidatedOverTheCoinbase() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openExtended(PoolFixture.IDENTITY, 4);
            assertEquals(Extranonce.EXTENDED_BYTES, ch.extranonceSize);
            assertEquals(Extranonce.UNIQUE_BYTES, ch.prefix.length);
            c.submit(c.findShare(ch, true), 1);
            c.awaitMessage(SubmitSharesSuccess.class, x -> x.channelId() == ch.id && x.lastSequenceNumber() == 1);
            assertEquals(1, c.all(ShareQuote.class, x -> true).size());
        }
    }

    @Test
    void clientWithoutTheExtensionGetsSuccessesButNoShareQuote() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(false)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            for (int seq = 1; seq <= 3; seq++) c.submit(c.findShare(ch, true), seq);
            waiting().until(() -> c.all(SubmitSharesSuccess.class, x -> true).size() == 3);
            assertEquals(3, pool.issuer.ledger.size(), "the quotes exist all the same, locked to the channel's key");
            assertEquals(0, c.all(ShareQuote.class, x -> true).size());
        }
    }

    @Test
    void batchOfTenGivesTenShareQuotesThenOneSuccess() throws Exception {
        Map<String, String> cfg = Map.of("share.batch-size", "10", "share.batch-max-delay-ms", "60000");
        try (PoolFixture pool = new PoolFixture(dir, cfg); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            for (int seq = 1; seq <= 10; seq++) c.submit(c.findShare(ch, true), seq);
            SubmitSharesSuccess ok = c.awaitMessage(SubmitSharesSuccess.class, x -> true);
            assertEquals(10, ok.newSubmitsAcceptedCount());
            List<ShareQuote> quotes = c.all(ShareQuote.class, x -> true);
            assertEquals(10, quotes.size());
            int successAt = c.received.indexOf(ok);
            for (ShareQuote q : quotes) assertTrue(c.received.indexOf(q) < successAt, "every ShareQuote precedes the success");
            assertEquals(1, c.all(SubmitSharesSuccess.class, x -> true).size());
            // new_shares_sum: ten shares of difficulty 1e-9, truncated
            assertEquals(0, ok.newSharesSum());
        }
    }

    @Test
    void aBatchThatDoesNotFillIsSentAfterTheDelay() throws Exception {
        Map<String, String> cfg = Map.of("share.batch-size", "10", "share.batch-max-delay-ms", "50");
        try (PoolFixture pool = new PoolFixture(dir, cfg); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            for (int seq = 1; seq <= 3; seq++) c.submit(c.findShare(ch, true), seq);
            waiting().until(
                    () -> c.all(SubmitSharesSuccess.class, x -> true).stream().mapToInt(SubmitSharesSuccess::newSubmitsAcceptedCount).sum() == 3);
            for (Message m : c.received) assertTrue(!(m instanceof SubmitSharesError), m.toString());
        }
    }

    @Test
    void benchImmediateAckAnswersWithoutTheMint() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("share.reply-mode", "bench-immediate-ack")); Sv2TestClient c = pool.client(true)) {
            pool.issuer.close(); // a mint that never answers does not matter in this mode
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            c.submit(c.findShare(ch, true), 1);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 1);
            assertEquals(0, pool.issuer.calls.get());
            assertEquals(0, c.all(ShareQuote.class, q -> true).size(), "no quote: nothing was minted");
        }
    }
}
