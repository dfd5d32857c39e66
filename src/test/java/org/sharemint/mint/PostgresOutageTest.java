package org.sharemint.mint;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.process.LocalPostgres;

/**
 * The database server goes away under a running mint (a server of this test's own, stopped with
 * pg_ctl and started again): the batches that fail are refused mint-unavailable, HTTP requests
 * that need the ledger get a Cashu error with status 503, the mint reconnects by itself when the
 * server is back, and no quote that was refused is in the database beyond the batches cut off
 * mid-commit.
 */
@ExtendWith(PostgresExtension.class)
class PostgresOutageTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BATCH = 64;

    @TempDir
    Path dir;

    private static QuoteRequest request(BigInteger key) {
        byte[] share = new byte[32];
        RANDOM.nextBytes(share);
        return new QuoteRequest(share, 1, "hash", Secp256k1.compressed(Secp256k1.mulG(key)), System.currentTimeMillis() + 60_000);
    }

    @Test
    void theServerGoesAwayAndComesBack() throws Exception {
        PostgresExtension.server(getClass()); // skipped (or failed under CI) without the binaries
        try (LocalPostgres pg = TestPostgres.start(false)) {
            String url = pg.newDatabase("outage");
            BigInteger key = Secp256k1.randomScalar(RANDOM);
            Set<String> told = ConcurrentHashMap.newKeySet();
            AtomicInteger unavailable = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            try (EmbeddedMint mint = EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0",
                     "mint.db.url", url, "mint.db.password", TestPostgres.PASSWORD)));
                 ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
                TestWallet wallet = new TestWallet(mint.httpAddress());
                String first = assertInstanceOf(QuoteResult.Quote.class, mint.createQuotes(List.of(request(key))).get(0)).quoteId();
                told.add(first);
                assertEquals(200, wallet.get("/v1/mint/quote/ehash/" + first).status());
                List<Future<?>> loops = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    loops.add(senders.submit(() -> {
                        while (running.get()) {
                            List<QuoteRequest> batch = new ArrayList<>();
                            for (int i = 0; i < BATCH; i++) batch.add(request(key));
                            for (QuoteResult r : mint.createQuotes(batch)) {
                                if (r instanceof QuoteResult.Quote q) told.add(q.quoteId());
                                else assertEquals(new QuoteResult.Refused("mint-unavailable"), r);
                                if (r instanceof QuoteResult.Refused) unavailable.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> told.size() > 2000);
                pg.stop();
                await().atMost(Duration.ofSeconds(60)).until(() -> unavailable.get() >= 2 * BATCH);
                TestWallet.Response r = wallet.get("/v1/mint/quote/ehash/" + first);
                assertEquals(503, r.status(), r.body().toString());
                assertTrue(r.body().has("detail") && r.body().has("code"), "a Cashu error: " + r.body());
                int refusedWhileDown = unavailable.get();
                pg.startServer();
                // no restart of the mint: its pool makes new connections once the server answers
                await().atMost(Duration.ofSeconds(60)).until(() -> wallet.get("/v1/mint/quote/ehash/" + first).status() == 200);
                int atReturn = told.size();
                await().atMost(Duration.ofSeconds(60)).until(() -> told.size() > atReturn + 1000);
                running.set(false);
                for (Future<?> f : loops) f.get(60, TimeUnit.SECONDS);
                assertTrue(refusedWhileDown >= 2 * BATCH);
            }
            Set<String> stored = new HashSet<>();
            String db = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
            try (Connection c = pg.connect(db); ResultSet r = c.createStatement().executeQuery("SELECT id FROM quotes")) {
                while (r.next()) stored.add(QuoteIds.hex(r.getBytes(1)));
            }
            for (String id : told) assertTrue(stored.contains(id), "every quote answered is stored: " + id);
            // a batch refused because its commit's answer was cut off may have landed whole; nothing else of the refused ones
            int untold = stored.size() - told.size();
            assertTrue(untold >= 0 && untold <= 2 * BATCH, "stored but refused: " + untold);
            assertEquals(0, untold % BATCH, "a batch lands whole or not at all: " + untold);
        }
    }
}
