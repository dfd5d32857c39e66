package org.sharemint.miner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's API and page of a pool with its embedded mint and two reference miners, over
 * real sockets and HTTP: each worker's hashrate is within the estimator's stated error of what
 * its miner hashed, its counts are what its miner saw, and the page and every asset it names are
 * served by the pool itself.
 */
class MonitorApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void workersHashrateAndCountsAreWhatTheMinersSaw() throws Exception {
        // no new block during the test: a stale share is work the estimate cannot see
        // a few shares a second: a pool on a loaded machine keeps up, so what the miners sent is what it has read
        try (TestPool pool = new TestPool(tmp.resolve("pool"), Map.of("pool.noise", "false", "jobs.block-interval-ms", "600000",
                "channel.shares-per-minute", "120"));
             HttpClient http = HttpClient.newHttpClient()) {
            URI base = URI.create("http://127.0.0.1:" + pool.pool.monitorAddress().getPort());
            Miner a = miner(pool, tmp.resolve("wallet-a"), "rig1");
            Miner b = miner(pool, tmp.resolve("wallet-b"), "rig2");
            String keyA = a.wallet().lockingPubkeyHex();
            String keyB = b.wallet().lockingPubkeyHex();
            Thread.ofVirtual().start(a::run);
            Thread.ofVirtual().start(b::run);
            try {
                await().atMost(Duration.ofSeconds(120)).until(() -> a.stats().accepted() >= 40 && b.stats().accepted() >= 40);
                for (Miner m : List.of(a, b)) {
                    // the miner's own count of hashes over the worker's life against the pool's estimate over the same span
                    JsonNode miner = get(http, base, "/api/v1/workers/" + m.wallet().lockingPubkeyHex());
                    long hashes = m.stats().hashes();
                    long now = System.currentTimeMillis();
                    JsonNode w = miner.get("workers").get(0);
                    double seconds = (now - w.get("first_seen_unix_ms").asLong()) / 1000.0;
                    double actual = hashes / seconds;
                    double estimate = w.get("hashrate_1m").asDouble();
                    long n = seconds <= 60 ? w.get("accepted").asLong() : Math.max(1, (long) (w.get("accepted").asLong() * 60 / seconds));
                    // 4 standard errors (1/sqrt(n)) and 20 % for what the two clocks see differently on a loaded machine
                    double allowed = 4 / Math.sqrt(n) + 0.2;
                    assertTrue(Math.abs(estimate / actual - 1) <= allowed,
                            "estimate " + estimate + " H/s against " + actual + " H/s hashed (" + n + " shares, allowed " + allowed + ")");
                    assertTrue(miner.get("totals").get("hashrate_1m").asDouble() > 0, miner.toString());
                }
                JsonNode p = get(http, base, "/api/v1/pool");
                assertEquals(2, p.get("connections").asLong(), p.toString());
                assertEquals(2, p.get("channels").asLong());
                assertEquals(2, p.get("workers").get("tracked").asLong());
                assertTrue(p.get("hashrate").get("1m").get("hashes_per_second").asDouble() > 0, p.toString());
                assertTrue(p.get("hashrate").get("1m").get("shares").asLong() >= 80, p.toString());
                assertTrue(p.get("last_minute").get("deferral_p50_ms").asDouble() > 0, p.toString());
                assertEquals("synthetic", p.get("job_source").get("kind").asText());
                assertTrue(p.get("job_source").get("healthy").asBoolean());
                assertEquals("embedded", p.get("mint_link").get("mode").asText());
                assertTrue(p.get("mint_link").get("reachable").asBoolean());
            } finally {
                a.close();
                b.close();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.pool.monitorAddress() != null
                    && get(http, base, "/api/v1/pool").get("shares_pending").asLong() == 0);
            JsonNode page = get(http, base, "/api/v1/workers?sort=name&order=asc");
            assertEquals(2, page.get("total").asLong(), page.toString());
            for (JsonNode w : page.get("workers")) {
                Miner m = w.get("locking_key").asText().equals(keyA) ? a : b;
                assertEquals(m == a ? "rig1" : "rig2", w.get("name").asText());
                assertEquals(m == a ? keyA : keyB, w.get("locking_key").asText());
                // the pool counted every answer the miner read; the only others are answers to shares the miner
                // submitted and closed before reading (in flight at close), so the difference is bounded by those exactly
                MinerStats s = m.stats();
                long unanswered = s.submitted() - s.accepted() - s.rejectedTotal();
                long accepted = w.get("accepted").asLong();
                long rejected = w.get("rejected").asLong();
                assertTrue(accepted >= s.accepted() && rejected >= s.rejectedTotal(), "pool " + w + ", miner accepted " + s.accepted());
                assertTrue(accepted + rejected - s.accepted() - s.rejectedTotal() <= unanswered,
                        "pool " + w + ", miner accepted " + s.accepted() + ", rejected " + s.rejectedTotal() + ", unanswered " + unanswered);
                long quotes = w.get("quotes").asLong();
                assertTrue(quotes >= s.quotesReceived() && quotes - s.quotesReceived() <= unanswered,
                        "pool " + quotes + ", miner " + s.quotesReceived() + ", unanswered " + unanswered);
                assertTrue(w.get("ecash").asDouble() >= m.stats().quoteAmount(), w.toString());
                assertTrue(w.get("last_share_unix_ms").asLong() > 0);
            }
            assertEquals(List.of("rig1", "rig2"), names(page));
            // paging and sorting over HTTP
            JsonNode second = get(http, base, "/api/v1/workers?sort=name&order=desc&size=1&page=1");
            assertEquals(List.of("rig1"), names(second));
            assertEquals(2, second.get("total").asLong());
            assertEquals(List.of("rig2"), names(get(http, base, "/api/v1/workers?q=RIG2")));
            assertEquals(400, status(http, base, "/api/v1/workers?sort=nonsense"));
            assertEquals(400, status(http, base, "/api/v1/workers?size=100000"));
            assertEquals(400, status(http, base, "/api/v1/workers/xyz"));
            assertEquals(404, status(http, base, "/api/v1/workers/02" + "00".repeat(32)));
            assertEquals(404, status(http, base, "/api/v1/nothing"));
            // the mint: the quotes the miners received are in its ledger, and those they redeemed are issued
            JsonNode mint = get(http, base, "/api/v1/mint");
            assertEquals("embedded", mint.get("mode").asText());
            assertTrue(mint.get("keysets").get(0).get("active").asBoolean(), mint.toString());
            JsonNode states = mint.get("quotes_by_state");
            long inLedger = states.get("PAID").get("count").asLong() + states.get("ISSUED").get("count").asLong();
            assertTrue(inLedger >= a.stats().quotesReceived() + b.stats().quotesReceived(), mint.toString());
            // a fresh ledger: what it holds is what this process made and minted
            assertEquals(mint.get("since_start").get("quotes_created").asLong(), inLedger, mint.toString());
            assertEquals(mint.get("since_start").get("quotes_issued").asLong(), states.get("ISSUED").get("count").asLong(), mint.toString());
            assertTrue(mint.get("since_start").get("signatures_issued").asLong() > 0, mint.toString());
            JsonNode history = get(http, base, "/api/v1/pool/history");
            assertEquals(history.get("unix_seconds").size(), history.get("hashrate_1m").size());
        }
    }

    /** The page at / and every script and style it names come from the pool (no other host), with their types. */
    @Test
    void thePageAndItsAssetsAreServedByThePool() throws Exception {
        try (TestPool pool = new TestPool(tmp.resolve("pool"), Map.of("pool.noise", "false"));
             HttpClient http = HttpClient.newHttpClient()) {
            URI base = URI.create("http://127.0.0.1:" + pool.pool.monitorAddress().getPort());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            String html = page.body();
            assertTrue(html.contains("<html lang=\"en\">") && html.contains("<label for=\"q\">") && html.contains("<th scope=\"col\""), html);
            Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
            int assets = 0;
            while (m.find()) {
                String ref = m.group(1);
                assertFalse(ref.contains("//"), "every asset from this server: " + ref);
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(ref)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), ref);
                assertTrue(r.body().length > 0, ref);
                if (ref.endsWith(".js")) {
                    assets++;
                    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), ref);
                }
                if (ref.endsWith(".css")) assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/css"), ref);
            }
            assertEquals(2, assets, "uPlot and the page's own script");
            HttpResponse<String> uplot = http.send(HttpRequest.newBuilder(base.resolve("/assets/uplot.js")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(uplot.body().contains("uPlot"), "the charting library itself");
            assertEquals(404, status(http, base, "/assets/missing.js"));
            assertEquals(200, status(http, base, "/metrics"), "the Prometheus series stay where they were");
            assertEquals(200, status(http, base, "/health"));
        }
    }

    /** A reference miner announcing 200 kH/s: the pool's first target then asks for a few shares a second of a CPU. */
    private static Miner miner(TestPool pool, Path wallet, String user) throws Exception {
        Map<String, String> o = new java.util.HashMap<>(pool.minerOptions(wallet, user));
        o.put("nominal-hashrate", "200000");
        return new Miner(MinerOptions.parse(o), Clock.systemUTC(), new SecureRandom());
    }

    private static List<String> names(JsonNode page) {
        return page.get("workers").valueStream().map(w -> w.get("name").asText()).toList();
    }

    private static JsonNode get(HttpClient http, URI base, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
        return JSON.readTree(r.body());
    }

    private static int status(HttpClient http, URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
