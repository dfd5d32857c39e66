package org.sharemint.mint;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.link.RemoteMint;

/**
 * Two {@code sharemint mint} processes with the same mint seed and one PostgreSQL database
 * (the password from SHAREMINT_DB_PASSWORD): the same keysets; a quote minted at both at once and
 * a proof swapped at both at once have one winner, hundreds of times; a pool with both in
 * mint.link.address goes on at the second when the first is killed (-9) under load, and every
 * quote the pool was told about is in the database.
 */
@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoMintsOnPostgresTest {
    private static final Pattern POOLS = Pattern.compile("(?m)^  pools: +127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("(?m)^  cashu http: http://127\\.0\\.0\\.1:(\\d+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    static String url;
    static MintChild a;
    static MintChild b;

    /** {@code sharemint mint} as its own process, its output kept. */
    static final class MintChild implements AutoCloseable {
        final Process process;
        final StringBuilder log = new StringBuilder();
        int linkPort;
        int httpPort;

        MintChild(Path dataDir) throws IOException {
            String java = ProcessHandle.current().info().command().orElseThrow();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.sharemint.Main", "mint",
                "--data.dir=" + dataDir, "--mint.db.url=" + url, "--mint.http.listen=127.0.0.1:0", "--monitor.listen=127.0.0.1:0",
                "--mint.link.address=127.0.0.1:0", "--mint.link.noise=false").redirectErrorStream(true);
            pb.environment().put(LedgerSettings.PASSWORD_ENV, TestPostgres.PASSWORD);
            process = pb.start();
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (log) {
                            log.append(line).append('\n');
                        }
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> HTTP.matcher(log()).find() || !process.isAlive());
            Matcher pools = POOLS.matcher(log());
            Matcher http = HTTP.matcher(log());
            if (!pools.find() || !http.find()) {
                process.destroyForcibly();
                throw new AssertionError("the mint did not start:\n" + log());
            }
            linkPort = Integer.parseInt(pools.group(1));
            httpPort = Integer.parseInt(http.group(1));
        }

        String log() {
            synchronized (log) {
                return log.toString();
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        url = PostgresExtension.database(TwoMintsOnPostgresTest.class);
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        MintSeed.loadOrCreate(dir.resolve("a"), RANDOM);
        Files.copy(dir.resolve("a").resolve(MintSeed.FILE_NAME), dir.resolve("b").resolve(MintSeed.FILE_NAME));
        // both at once on the new database: one makes the schema and the keyset, the other finds them
        try (ExecutorService two = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<MintChild> fa = two.submit(() -> new MintChild(dir.resolve("a")));
            Future<MintChild> fb = two.submit(() -> new MintChild(dir.resolve("b")));
            a = fa.get();
            b = fb.get();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    private static RemoteMint pool(int... ports) throws Exception {
        StringBuilder addresses = new StringBuilder();
        for (int p : ports) addresses.append(addresses.isEmpty() ? "" : ",").append("127.0.0.1:").append(p);
        return RemoteMint.start(Config.of(Map.of("mint.mode", "remote", "mint.link.address", addresses.toString(), "mint.link.noise", "false")));
    }

    private static QuoteRequest request(BigInteger key, long amount) {
        byte[] share = new byte[32];
        RANDOM.nextBytes(share);
        return new QuoteRequest(share, amount, "hash", Secp256k1.compressed(Secp256k1.mulG(key)), System.currentTimeMillis() + 10_000);
    }

    @Test
    @Order(1)
    void bothServeTheSameKeysetsAndNeitherLogsThePassword() throws Exception {
        TestWallet wa = new TestWallet(new InetSocketAddress("127.0.0.1", a.httpPort));
        TestWallet wb = new TestWallet(new InetSocketAddress("127.0.0.1", b.httpPort));
        assertEquals(wa.get("/v1/keysets").body(), wb.get("/v1/keysets").body());
        assertEquals(wa.get("/v1/keys").body(), wb.get("/v1/keys").body());
        assertEquals(1, wa.get("/v1/keysets").body().get("keysets").size());
        for (MintChild m : List.of(a, b)) assertFalse(m.log().contains(TestPostgres.PASSWORD), m.log());
    }

    /**
     * 200 times: one quote minted at both mints at the same instant (one gets 200, the other
     * 20002), then the proof swapped at both at the same instant (one 200, the other 11001).
     */
    @Test
    @Order(2)
    void doubleMintsAndDoubleSpendsAcrossTheTwoHaveOneWinner() throws Exception {
        TestWallet wa = new TestWallet(new InetSocketAddress("127.0.0.1", a.httpPort));
        TestWallet wb = new TestWallet(new InetSocketAddress("127.0.0.1", b.httpPort));
        var ks = wa.activeKeyset();
        String keysetId = ks.get("id").asText();
        int tries = 200;
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        List<QuoteRequest> requests = new ArrayList<>();
        for (int i = 0; i < tries; i++) requests.add(request(key, 2));
        List<QuoteResult> quotes;
        try (RemoteMint pool = pool(a.linkPort)) {
            quotes = pool.createQuotes(requests);
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < tries; i++) {
                String id = assertInstanceOf(QuoteResult.Quote.class, quotes.get(i)).quoteId();
                TestWallet.Outputs oa = wa.outputs(keysetId, 2);
                TestWallet.Outputs ob = wb.outputs(keysetId, 2);
                var ra = wa.mintRequest(id, oa, wa.signAmended(key, id, oa));
                var rb = wb.mintRequest(id, ob, wb.signAmended(key, id, ob));
                CountDownLatch go = new CountDownLatch(1);
                Future<TestWallet.Response> fa = threads.submit(() -> { go.await(); return wa.post("/v1/mint/ehash", ra); });
                Future<TestWallet.Response> fb = threads.submit(() -> { go.await(); return wb.post("/v1/mint/ehash", rb); });
                go.countDown();
                TestWallet.Response xa = fa.get();
                TestWallet.Response xb = fb.get();
                assertEquals(1, (xa.status() == 200 ? 1 : 0) + (xb.status() == 200 ? 1 : 0), "try " + i + ": one mint wins: " + xa.body() + " " + xb.body());
                TestWallet.Response loser = xa.status() == 200 ? xb : xa;
                assertEquals(20002, loser.code(), loser.body().toString());
                List<TestWallet.Proof> proofs = xa.status() == 200 ? wa.unblind(xa, oa, ks) : wb.unblind(xb, ob, ks);

                var sa = wa.swapRequest(proofs, wa.outputs(keysetId, 2));
                var sb = wb.swapRequest(proofs, wb.outputs(keysetId, 2));
                CountDownLatch go2 = new CountDownLatch(1);
                Future<TestWallet.Response> ga = threads.submit(() -> { go2.await(); return wa.post("/v1/swap", sa); });
                Future<TestWallet.Response> gb = threads.submit(() -> { go2.await(); return wb.post("/v1/swap", sb); });
                go2.countDown();
                TestWallet.Response ya = ga.get();
                TestWallet.Response yb = gb.get();
                assertEquals(1, (ya.status() == 200 ? 1 : 0) + (yb.status() == 200 ? 1 : 0), "try " + i + ": one swap wins: " + ya.body() + " " + yb.body());
                TestWallet.Response spent = ya.status() == 200 ? yb : ya;
                assertEquals(11001, spent.code(), spent.body().toString());
            }
        }
    }

    /**
     * A pool with both mints in mint.link.address sends batches without pause; the first mint is
     * killed (-9) in the middle. The batches go on at the second; every quote the pool was told
     * about is in the database, and the quotes it was not told about are no more than the answers
     * it counted as lost (mint-timeout: committed at the dead mint, perhaps, but never answered).
     */
    @Test
    @Order(3)
    void aPoolFailsOverWhenTheFirstMintIsKilledAndNoToldQuoteIsLost() throws Exception {
        Set<String> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger lost = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        long before;
        try (Connection c = PostgresExtension.server(getClass()).connect(url.substring(url.lastIndexOf('/') + 1, url.indexOf('?')));
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM quotes")) {
            r.next();
            before = r.getLong(1);
        }
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        try (RemoteMint pool = pool(a.linkPort, b.linkPort); ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                loops.add(senders.submit(() -> {
                    while (running.get()) {
                        List<QuoteRequest> batch = new ArrayList<>();
                        for (int i = 0; i < 16; i++) batch.add(request(key, 1));
                        for (QuoteResult r : pool.createQuotes(batch)) {
                            if (r instanceof QuoteResult.Quote q) told.add(q.quoteId());
                            else if (r instanceof QuoteResult.Refused x && x.code().equals("mint-timeout")) lost.incrementAndGet();
                            else refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> told.size() >= 2000);
            a.kill();
            int atKill = told.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> told.size() >= atKill + 2000);
            running.set(false);
            for (Future<?> f : loops) f.get(60, TimeUnit.SECONDS);
        }
        Set<String> stored = new HashSet<>();
        String db = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        try (Connection c = PostgresExtension.server(getClass()).connect(db);
             PreparedStatement p = c.prepareStatement("SELECT id FROM quotes WHERE created_at >= 0");
             ResultSet r = p.executeQuery()) {
            while (r.next()) stored.add(QuoteIds.hex(r.getBytes(1)));
        }
        for (String id : told) assertTrue(stored.contains(id), "a quote the pool was told about is in the database: " + id);
        long untold = stored.size() - before - told.size();
        assertTrue(untold >= 0 && untold <= lost.get(), "quotes nobody was told about (" + untold + ") are at most the lost answers (" + lost.get() + ")");
        // the dead mint comes back on the same database and serves the same keysets
        a = new MintChild(dir.resolve("a"));
        TestWallet wa = new TestWallet(new InetSocketAddress("127.0.0.1", a.httpPort));
        TestWallet wb = new TestWallet(new InetSocketAddress("127.0.0.1", b.httpPort));
        assertEquals(wa.get("/v1/keysets").body(), wb.get("/v1/keysets").body());
    }
}
