package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sharemint.testing.SteppedClock;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.crypto.KeysetIds;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.KeysetRotation;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;

/**
 * Keyset expiry (NUT-02 {@code final_expiry}) with mint.keyset-final-expiry-days: shown in
 * /v1/keysets and /v1/keys and covered by the v2 id; past it the mint signs no outputs on the
 * keyset (12003) while its proofs still swap, and the next start makes a new active keyset.
 */
class KeysetExpiryTest {
    private static final long DAY_MS = 86_400_000L;
    private static final String G = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    final SecureRandom random = new SecureRandom();
    final SteppedClock clock = new SteppedClock(System.currentTimeMillis());

    private EmbeddedMint start(Path dir, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0"));
        all.putAll(settings);
        return EmbeddedMint.start(Config.of(all), clock, random);
    }

    private static String url(EmbeddedMint m) {
        return "http://127.0.0.1:" + m.httpAddress().getPort();
    }

    @Test
    void keysetsAndKeysShowTheFinalExpiryTheV2IdCovers() throws Exception {
        long expected = clock.millis() / 1000 + 30 * 86_400L;
        try (EmbeddedMint m = start(tmp.resolve("mint"), Map.of("mint.keyset-final-expiry-days", "30"))) {
            JsonNode listed = get(url(m) + "/v1/keysets").get("keysets");
            assertEquals(1, listed.size());
            assertEquals(expected, listed.get(0).get("final_expiry").asLong());
            JsonNode keyset = get(url(m) + "/v1/keys").get("keysets").get(0);
            assertEquals(expected, keyset.get("final_expiry").asLong());
            TreeMap<BigInteger, String> keys = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = keyset.get("keys").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                keys.put(new BigInteger(e.getKey()), e.getValue().asText());
            }
            assertEquals(KeysetIds.v2(keys, "hash", 0, expected), keyset.get("id").asText());
            assertNotEquals(KeysetIds.v2(keys, "hash", 0, null), keyset.get("id").asText(), "the id commits to the expiry");
            assertEquals(keyset.get("id").asText(), get(url(m) + "/v1/keys/" + keyset.get("id").asText()).get("keysets").get(0).get("id").asText());
        }
        try (EmbeddedMint m = start(tmp.resolve("plain"), Map.of())) {
            assertTrue(get(url(m) + "/v1/keysets").get("keysets").get(0).get("final_expiry").isNull(), "no expiry by default");
        }
    }

    @Test
    void pastItsFinalExpiryAKeysetSignsNoOutputsItsProofsStillSwapAndTheNextStartMakesANewOne() throws Exception {
        Path dir = tmp.resolve("mint");
        Map<String, String> settings = Map.of("mint.keyset-final-expiry-days", "1");
        EmbeddedMint m = start(dir, settings);
        String expiredId = m.activeKeysetId();
        String port = String.valueOf(m.httpAddress().getPort());
        try (Wallet w = Wallet.open(tmp.resolve("w"), url(m), random, clock)) {
            TestMint.record(w, quotes(m, w.lockingPubkeyHex(), 16));
            assertEquals(1, new Redeemer(w, clock).redeemDue());
            List<QuoteResult.Quote> late = quotes(m, w.lockingPubkeyHex(), 2);
            TestMint.record(w, late);
            // before the expiry this swap gets as far as checking its (made-up) input proof
            assertEquals(10001, swapCode(m, expiredId));

            clock.advance(DAY_MS + 1_000);
            assertEquals(12003, swapCode(m, expiredId), "no outputs on a keyset past its final expiry");
            assertEquals(Wallet.Outcome.RETRY, w.redeem(late.get(0).quoteId()), "the quote waits for a keyset the mint signs with");
            m.close();

            m = start(dir, new HashMap<>(Map.of("mint.keyset-final-expiry-days", "1", "mint.http.listen", "127.0.0.1:" + port)));
            String newId = m.activeKeysetId();
            assertNotEquals(expiredId, newId, "the next start replaces an expired active keyset");
            Map<String, JsonNode> listed = new HashMap<>();
            for (JsonNode k : get(url(m) + "/v1/keysets").get("keysets")) listed.put(k.get("id").asText(), k);
            assertEquals(false, listed.get(expiredId).get("active").asBoolean());
            assertEquals(true, listed.get(newId).get("active").asBoolean());
            assertEquals(clock.millis() / 1000 + 86_400L, listed.get(newId).get("final_expiry").asLong());

            assertEquals(Wallet.Outcome.ISSUED, w.redeem(late.get(0).quoteId()), "the quote from before redeems on the new keyset");
            w.send(11); // 16 (expired keyset) + 2 (new): the 16 swaps into the new keyset
            assertTrue(w.store().unspent().stream().allMatch(p -> p.keysetId().equals(newId)), "no proof of the expired keyset left");
            assertEquals(16 + 2 - 11, w.balance());
        } finally {
            m.close();
        }
    }

    @Test
    void rotateKeysetGivesTheNewKeysetItsExpiryAndReplacesAnExpiredOneOnlyOnce() throws Exception {
        Path dir = tmp.resolve("mint");
        Map<String, String> settings = Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0", "mint.keyset-final-expiry-days", "7");
        String first;
        try (EmbeddedMint m = start(dir, settings)) {
            first = m.activeKeysetId();
        }
        KeysetRotation.Result r = KeysetRotation.rotate(Config.of(settings), clock);
        assertEquals(first, r.retiredId());
        assertEquals(clock.millis() / 1000 + 7 * 86_400L, r.finalExpiry());

        clock.advance(8 * DAY_MS);
        KeysetRotation.Result again = KeysetRotation.rotate(Config.of(settings), clock);
        assertEquals(r.activeId(), again.retiredId());
        try (EmbeddedMint m = start(dir, settings)) {
            assertEquals(again.activeId(), m.activeKeysetId());
            assertEquals(3, get(url(m) + "/v1/keysets").get("keysets").size(), "an expired active keyset is replaced once, not twice");
        }
    }

    /** Quotes of the given amounts locked to {@code pubkeyHex}, expiring by the test clock. */
    private List<QuoteResult.Quote> quotes(EmbeddedMint m, String pubkeyHex, long... amounts) {
        List<QuoteRequest> batch = new ArrayList<>();
        for (long a : amounts) {
            byte[] share = new byte[32];
            random.nextBytes(share);
            batch.add(new QuoteRequest(share, a, "hash", HexFormat.of().parseHex(pubkeyHex), clock.millis() + 60_000));
        }
        List<QuoteResult.Quote> out = new ArrayList<>();
        for (QuoteResult r : m.createQuotes(batch)) out.add((QuoteResult.Quote) r);
        return out;
    }

    /** The NUT error code of a swap of one made-up input into one output on {@code keysetId}. */
    private static int swapCode(EmbeddedMint m, String keysetId) throws Exception {
        String body = """
            {"inputs": [{"amount": 1, "id": "%s", "secret": "made-up", "C": "%s"}],
             "outputs": [{"amount": 1, "id": "%s", "B_": "%s"}]}""".formatted(keysetId, G, keysetId, G);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(m) + "/v1/swap"))
            .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("code").asInt();
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
