package org.sharemint.link;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    /** A mint whose every batch takes 10 ms, like a slow disk. */
    static final class SlowMint implements QuoteIssuer {
        @Override
        public List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
            try {
                Thread.sleep(10);
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
        try (MintLinkServer server = MintLinkServer.start(new InetSocketAddress("127.0.0.1", 0), null, new SlowMint(),
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
            Awaitility.await().until(() -> aAnswered.get() > 0); // the flood is being served
            int before = aAnswered.get();
            b.write(Codec.encode(new MintQuoteRequest(7, new byte[32], 1, "hash", new byte[0], deadline)));
            b.flush();
            assertInstanceOf(MintQuoteResponse.class, Codec.decode(b.read()));
            int meanwhile = aAnswered.get() - before;
            // the batch under way, then the next one with b in it: at most two of a's shares of a batch
            assertTrue(meanwhile <= 2 * (LinkBatcher.MAX_BATCH / 2) + 64, "a got " + meanwhile + " answers while b waited for one");
            reader.join();
            a.close();
            b.close();
        }
    }
}
