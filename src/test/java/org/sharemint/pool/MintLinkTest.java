package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.link.MintLinkServer;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * The mint link with the mint's side in this JVM (a real EmbeddedMint and its ledger behind a
 * MintLinkServer on a real socket): a mint slower than the deadline, and two pools on one mint.
 */
class MintLinkTest {
    @TempDir
    Path dir;

    /** The real mint, with an injected delay before each batch and every answer it gave kept. */
    static final class SlowMint implements QuoteIssuer {
        final EmbeddedMint mint;
        volatile long delayMs;
        final List<QuoteResult> answers = new CopyOnWriteArrayList<>();

        SlowMint(EmbeddedMint mint) {
            this.mint = mint;
        }

        @Override
        public List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<QuoteResult> r = mint.createQuotes(batch);
            answers.addAll(r);
            return r;
        }
    }

    private EmbeddedMint mint() throws Exception {
        return EmbeddedMint.start(Config.of(Map.of("data.dir", dir.resolve("mint").toString(), "mint.http.listen", "127.0.0.1:0")));
    }

    private static MintLinkServer link(QuoteIssuer issuer, MetricsRegistry registry) throws Exception {
        return MintLinkServer.start(new InetSocketAddress("127.0.0.1", 0), null, issuer, registry, Clock.systemUTC());
    }

    private PoolServer pool(String name, MintLinkServer link, Map<String, String> more) throws Exception {
        Map<String, String> m = new java.util.HashMap<>(more);
        m.put("mint.link.address", "127.0.0.1:" + link.address().getPort());
        m.put("mint.link.noise", "false");
        return RemoteMintTest.remotePool(dir.resolve(name), m);
    }

    @Test
    void aMintSlowerThanTheDeadlineIsMintTimeoutAndMakesNoQuote() throws Exception {
        try (EmbeddedMint real = mint()) {
            SlowMint slow = new SlowMint(real);
            MetricsRegistry registry = new MetricsRegistry("sharemint_");
            try (MintLinkServer link = link(slow, registry);
                 PoolServer pool = pool("pool", link, Map.of("share.mint-timeout-ms", "300"));
                 Sv2TestClient c = Sv2TestClient.ready(pool.minerAddress(), true)) {
                Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
                c.submit(c.findShare(ch, true), 1);
                c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 1);

                slow.delayMs = 800;
                long sent = System.nanoTime();
                c.submit(c.findShare(ch, true), 2);
                SubmitSharesError e = c.awaitMessage(SubmitSharesError.class, x -> x.sequenceNumber() == 2);
                long ms = (System.nanoTime() - sent) / 1_000_000;
                assertEquals("mint-timeout", e.errorCode());
                assertTrue(ms >= 250 && ms < 800, "answered at the deadline, not when the mint woke: " + ms + " ms");
                waiting().until(() -> slow.answers.size() == 2);
                assertEquals(new QuoteResult.Refused("deadline-passed"), slow.answers.get(1), "the mint made no quote past the deadline");
                assertEquals(1, c.all(ShareQuote.class, q -> true).size());
                waiting().until(() -> registry.render().contains("sharemint_mint_link_answers_total{code=\"deadline-passed\"} 1"));
                // the late answer reached the pool and changed nothing: the link stays up
                String metrics = RemoteMintTest.get(RemoteMintTest.monitor(pool, "/metrics")).body();
                assertEquals(1, PoolFixture.sample(metrics, "sharemint_mint_link_up"));
                assertEquals(0, PoolFixture.sample(metrics, "sharemint_mint_link_reconnects_total"));
            }
        }
    }

    @Test
    void twoPoolsOnOneMintEachShareItsOwnQuote() throws Exception {
        int perPool = 400;
        try (EmbeddedMint real = mint();
             MintLinkServer link = link(real, new MetricsRegistry("sharemint_"));
             PoolServer a = pool("a", link, Map.of());
             PoolServer b = pool("b", link, Map.of());
             Sv2TestClient ca = Sv2TestClient.ready(a.minerAddress(), true);
             Sv2TestClient cb = Sv2TestClient.ready(b.minerAddress(), true)) {
            List<Thread> miners = new ArrayList<>();
            for (Sv2TestClient c : List.of(ca, cb)) {
                Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
                List<Sv2TestClient.Share> shares = new ArrayList<>();
                for (int i = 0; i < perPool; i++) shares.add(c.findShare(ch, true));
                miners.add(Thread.ofVirtual().unstarted(() -> {
                    try {
                        for (int i = 0; i < perPool; i++) c.submit(shares.get(i), i + 1);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
            }
            miners.forEach(Thread::start); // both pools flood the one mint at once
            for (Thread t : miners) t.join();
            Set<String> ids = new HashSet<>();
            for (Sv2TestClient c : List.of(ca, cb)) {
                waiting().until(() -> c.all(SubmitSharesSuccess.class, s -> true).stream().mapToInt(SubmitSharesSuccess::newSubmitsAcceptedCount).sum() == perPool);
                assertEquals(0, c.all(SubmitSharesError.class, e -> true).size());
                List<ShareQuote> quotes = c.all(ShareQuote.class, q -> true);
                assertEquals(perPool, quotes.size());
                for (ShareQuote q : quotes) ids.add(q.quoteId());
            }
            assertEquals(2 * perPool, ids.size(), "every share of each pool has its own quote");
            for (String id : ids.stream().limit(20).toList()) {
                var r = RemoteMintTest.get("http://127.0.0.1:" + real.httpAddress().getPort() + "/v1/mint/quote/ehash/" + id);
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"PAID\""), r.body());
            }
        }
    }
}
