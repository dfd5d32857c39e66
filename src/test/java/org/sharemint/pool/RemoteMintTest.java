package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.wallet.Wallet;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * mint.mode=remote with the mint in its own process ({@code sharemint mint}) over the mint link:
 * the whole flow to redeemed ecash, and the mint killed with shares pending, then started again.
 */
class RemoteMintTest {
    @TempDir
    Path dir;

    /** A pool with mint.mode=remote, in this JVM, miners in plaintext. */
    static PoolServer remotePool(Path dataDir, Map<String, String> overrides) throws Exception {
        Map<String, String> m = new HashMap<>(overrides);
        m.putIfAbsent("mint.mode", "remote");
        return PoolServer.start(PoolFixture.config(dataDir, m));
    }

    static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String monitor(PoolServer pool, String path) {
        return "http://127.0.0.1:" + pool.monitorAddress().getPort() + path;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void shareBecomesAPaidQuoteAtTheMintProcessAndIsRedeemed() throws Exception {
        try (MintProcess mint = MintProcess.start(dir.resolve("mint"), 0);
             PoolServer pool = remotePool(dir.resolve("pool"), Map.of(
                 "mint.link.address", "127.0.0.1:" + mint.linkPort, "mint.link.authority-key", mint.authorityKey));
             Wallet wallet = Wallet.open(dir.resolve("wallet"), mint.httpUrl(), new SecureRandom(), Clock.systemUTC());
             Sv2TestClient c = Sv2TestClient.ready(pool.minerAddress(), true)) {
            assertNull(pool.mintHttpAddress(), "a remote-mint pool serves no Cashu HTTP API");
            Sv2TestClient.Channel ch = c.openStandard(wallet.lockingPubkeyHex() + ".worker1");
            Sv2TestClient.Share share = c.findShare(ch, true);
            c.submit(share, 1);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 1);
            ShareQuote q = c.find(ShareQuote.class, x -> x.sequenceNumber() == 1);
            assertTrue(c.received.indexOf(q) < c.received.indexOf(c.find(SubmitSharesSuccess.class, s -> true)));

            HttpResponse<String> r = get(mint.httpUrl() + "/v1/mint/quote/ehash/" + q.quoteId());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode quote = new ObjectMapper().readTree(r.body());
            assertEquals("PAID", quote.get("state").asText());
            assertEquals(q.amount(), quote.get("amount").asLong());
            assertEquals(wallet.lockingPubkeyHex(), quote.get("pubkey").asText());

            wallet.recordQuote(q.quoteId(), q.amount(), q.keysetId(), q.shareHash());
            assertEquals(Wallet.Outcome.ISSUED, wallet.redeem(q.quoteId()));
            assertEquals(q.amount(), wallet.balance());

            assertEquals(200, get(monitor(pool, "/health")).statusCode());
            String metrics = get(monitor(pool, "/metrics")).body();
            assertEquals(1, PoolFixture.sample(metrics, "sharemint_mint_link_up"));
            assertEquals(1, PoolFixture.sample(metrics, "sharemint_mint_link_answers_total{code=\"quote\"}"));
            // the pool's monitoring API names the remote mint and the link's state; the worker is paid under its key
            JsonNode api = new ObjectMapper().readTree(get(monitor(pool, "/api/v1/mint")).body());
            assertEquals("remote", api.get("mode").asText());
            assertEquals("127.0.0.1:" + mint.linkPort, api.get("address").asText());
            assertTrue(api.get("reachable").asBoolean());
            JsonNode poolApi = new ObjectMapper().readTree(get(monitor(pool, "/api/v1/pool")).body());
            assertEquals("remote", poolApi.get("mint_link").get("mode").asText());
            JsonNode miner = new ObjectMapper().readTree(get(monitor(pool, "/api/v1/workers/" + wallet.lockingPubkeyHex())).body());
            assertEquals("worker1", miner.get("workers").get(0).get("name").asText());
            assertEquals(1, miner.get("totals").get("quotes").asLong());
            assertEquals(q.amount(), miner.get("totals").get("ecash").asLong());
        }
    }

    @Test
    void mintKilledWithSharesPendingThenStartedAgain() throws Exception {
        int port = freePort();
        long timeoutMs = 3000;
        MintProcess mint = MintProcess.start(dir.resolve("mint"), port, "--mint.link.noise=false");
        try (PoolServer pool = remotePool(dir.resolve("pool"), Map.of("mint.link.address", "127.0.0.1:" + port,
                 "mint.link.noise", "false", "share.mint-timeout-ms", Long.toString(timeoutMs)));
             Sv2TestClient c = Sv2TestClient.ready(pool.minerAddress(), true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            c.submit(c.findShare(ch, true), 0);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == 0);

            int n = 1000;
            List<Sv2TestClient.Share> shares = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) shares.add(c.findShare(ch, true));
            mint.pause(); // the requests reach the mint's socket and stay there
            long firstSubmit = System.nanoTime();
            for (int i = 1; i <= n; i++) c.submit(shares.get(i - 1), i);
            waiting().until(() -> pool.pendingShares() == n);
            mint.kill();

            waiting().until(() -> c.all(SubmitSharesError.class, e -> e.sequenceNumber() >= 1 && e.sequenceNumber() <= n).size() >= n);
            long allAnsweredMs = (System.nanoTime() - firstSubmit) / 1_000_000;
            assertTrue(allAnsweredMs <= timeoutMs + 1000, "every share answered by its deadline + 1 s: the last after " + allAnsweredMs + " ms");
            List<SubmitSharesError> errors = c.all(SubmitSharesError.class, e -> e.sequenceNumber() >= 1 && e.sequenceNumber() <= n);
            assertEquals(n, errors.stream().map(SubmitSharesError::sequenceNumber).collect(Collectors.toSet()).size(), "none twice, none lost");
            assertEquals(n, errors.size());
            for (SubmitSharesError e : errors) {
                assertTrue(Set.of("mint-timeout", "mint-unavailable").contains(e.errorCode()), e.toString());
            }
            assertEquals(0, c.all(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() >= 1).size());
            assertEquals(0, pool.pendingShares());

            // the mint is gone: /health says so, and a new share waits for it only up to its deadline
            waiting().until(() -> get(monitor(pool, "/health")).statusCode() == 503);
            assertEquals(0, PoolFixture.sample(get(monitor(pool, "/metrics")).body(), "sharemint_mint_link_up"));
            c.submit(c.findShare(ch, true), n + 1);
            SubmitSharesError unavailable = c.awaitMessage(SubmitSharesError.class, e -> e.sequenceNumber() == n + 1);
            assertEquals("mint-unavailable", unavailable.errorCode(), "never sent: the link was down");

            // started again on the same ledger and port, the pool untouched: shares succeed within 5 s
            mint = MintProcess.start(dir.resolve("mint"), port, "--mint.link.noise=false");
            long restarted = System.nanoTime();
            c.submit(c.findShare(ch, true), n + 2);
            c.awaitMessage(SubmitSharesSuccess.class, s -> s.lastSequenceNumber() == n + 2);
            long ms = (System.nanoTime() - restarted) / 1_000_000;
            assertTrue(ms < 5000, "success " + ms + " ms after the restart");
            waiting().until(() -> get(monitor(pool, "/health")).statusCode() == 200);
            String metrics = get(monitor(pool, "/metrics")).body();
            assertEquals(1, PoolFixture.sample(metrics, "sharemint_mint_link_reconnects_total"));
        } finally {
            mint.close();
        }
    }

    @Test
    void aPoolWithTheWrongAuthorityKeyIsRefusedWithALogLineOnBothSides() throws Exception {
        String wrong = AuthorityKey.generate(new SecureRandom()).publicKeyBase58();
        try (MintProcess mint = MintProcess.start(dir.resolve("mint"), 0);
             ChildProcess pool = ChildProcess.start("pool", "--data.dir=" + dir.resolve("pool"), "--pool.listen=127.0.0.1:0",
                 "--monitor.listen=127.0.0.1:0", "--pool.noise=false", "--mint.mode=remote",
                 "--mint.link.address=127.0.0.1:" + mint.linkPort, "--mint.link.authority-key=" + wrong)) {
            assertTrue(!wrong.equals(mint.authorityKey));
            waiting().until(() -> pool.log().contains("Noise handshake with the mint at 127.0.0.1:" + mint.linkPort + " refused"));
            assertTrue(pool.log().contains("certificate is not signed by the expected authority key"), pool.log());
            assertTrue(pool.log().contains("mint.link.authority-key"), pool.log());
            waiting().until(() -> mint.log().contains("mint link from 127.0.0.1:"));
            assertTrue(mint.log().contains("refused") && mint.log().contains("check its mint.link.authority-key"), mint.log());
            assertTrue(!mint.log().contains("mint link from pool"), "no link came up:\n" + mint.log());
            assertTrue(pool.process.isAlive(), "the pool keeps running and retrying");
        }
    }
}
