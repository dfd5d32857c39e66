package org.sharemint.link;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.wire.Codec;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.MintQuoteRequest;
import org.sharemint.wire.MintQuoteResponse;

/** One pool's flood cannot starve another: each link gets its share of every batch. */
class LinkFairnessTest {
    /** A mint whose every batch takes 30 ms, like a slow disk; it notes when each batch began and whether the quiet pool's request (amount 2) was in it. */
    static final class SlowMint implements QuoteIssuer {
        final List<long[]> batches = new CopyOnWriteArrayList<>();

        @Override
        public List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
            batches.add(new long[] {System.nanoTime(), batch.stream().anyMatch(q -> q.amount() == 2) ? 1 : 0});
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<QuoteResult> out = new ArrayList<>(batch.size());
            for (QuoteRequest q : batch) out.add(new QuoteResult.Quote("q", new byte[8], q.amount()));
            return out;
        }
    }

    @Test
    void aQuietPoolIsServedInTheNextBatchWhileAnotherFloods() throws Exception {
        int flood = 60_000;
        SlowMint slow = new SlowMint();
        try (MintLinkServer server = MintLinkServer.start(new InetSocketAddress("127.0.0.1", 0), null, slow,
                new MetricsRegistry("sharemint_"), Clock.systemUTC())) {
            FrameChannel a = LinkBadInputTest.poolSide(server.address());
            FrameChannel b = LinkBadInputTest.poolSide(server.address());
            long deadline = System.currentTimeMillis() + 60_000;
            for (int i = 0; i < flood; i++) a.write(Codec.encode(new MintQuoteRequest(i, new byte[32], 1, "hash", new byte[0], deadline)));
            a.flush();
            AtomicInteger aAnswered = new AtomicInteger();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    while (aAnswered.get() < flood) {
                        Codec.decode(a.read());
                        aAnswered.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            SlowMint mint = slow;
            Awaitility.await().until(() -> aAnswered.get() > 0); // the flood is being served
            long bSent = System.nanoTime();
            b.write(Codec.encode(new MintQuoteRequest(7, new byte[32], 2, "hash", new byte[0], deadline)));
            b.flush();
            assertInstanceOf(MintQuoteResponse.class, Codec.decode(b.read()));
            List<long[]> after = mint.batches.stream().filter(x -> x[0] > bSent).toList();
            // the batch that began as b's request was read in, or the next one: not after a's flood
            assertTrue(after.get(0)[1] == 1 || after.get(1)[1] == 1, "b's request waited " + after.stream().takeWhile(x -> x[1] == 0).count() + " batches");
            assertTrue(aAnswered.get() < flood, "b was served while a still had requests waiting");
            reader.join();
            a.close();
            b.close();
        }
    }
}
