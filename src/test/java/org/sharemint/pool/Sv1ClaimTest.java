package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Schnorr;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.wallet.Wallet;

/**
 * The owner of an SV1 miner collects by key: quote lookup by locking key over real HTTP, and
 * {@code wallet claim} after an SV1 session, against the embedded mint and its ledger.
 */
class Sv1ClaimTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger SECRET = BigInteger.valueOf(424242); // PoolFixture.KEY_HEX's
    private static final BigInteger OTHER_SECRET = BigInteger.valueOf(777);

    @TempDir
    Path dir;

    static String keyHex(BigInteger secret) {
        return HexFormat.of().formatHex(Secp256k1.compressed(Secp256k1.mulG(secret)));
    }

    private static PoolServer start(Path data) throws Exception {
        return PoolServer.start(PoolFixture.config(data, Map.of("pool.sv1.listen", "127.0.0.1:0", "mint.http.listen", "127.0.0.1:0")));
    }

    private static void mine(PoolServer pool, String username, int shares) throws Exception {
        try (Sv1TestClient c = new Sv1TestClient(pool.sv1Address())) {
            c.subscribe();
            assertTrue(c.call("mining.authorize", username, "x").get("result").asBoolean());
            for (int i = 0; i < shares; i++) {
                JsonNode r = c.call("mining.submit", c.find().params(username));
                assertTrue(r.get("result").asBoolean(), r.toString());
            }
        }
    }

    static String mintUrl(PoolServer pool) {
        return "http://127.0.0.1:" + pool.mintHttpAddress().getPort();
    }

    static HttpResponse<String> post(PoolServer pool, String path, String body) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(mintUrl(pool) + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String mintPubkey(PoolServer pool) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create(mintUrl(pool) + "/v1/info")).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode info = JSON.readTree(body);
            assertTrue(info.get("nuts").get("mint_quote_lookup").get("supported").asBoolean(), "advertised in /v1/info");
            return info.get("pubkey").asText();
        }
    }

    static String sign(BigInteger secret, String mintPubkey, String keyHex) {
        return HexFormat.of().formatHex(Schnorr.sign(secret, CashuCrypto.mintQuoteLookupDigest(mintPubkey, keyHex), new byte[32]));
    }

    static ObjectNode lookup(List<String> keys, List<String> sigs) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode k = o.putArray("pubkeys");
        keys.forEach(k::add);
        ArrayNode s = o.putArray("pubkey_signatures");
        sigs.forEach(s::add);
        return o;
    }

    @Test
    void lookupListsExactlyTheQuotesOfTheSignedKeyAndRefusesBadRequests() throws Exception {
        try (PoolServer pool = start(dir)) {
            mine(pool, PoolFixture.IDENTITY, 3);
            mine(pool, keyHex(OTHER_SECRET) + ".other", 1);
            String mintPub = mintPubkey(pool);
            String key = keyHex(SECRET);

            HttpResponse<String> r = post(pool, "/v1/mint/quote/ehash/pubkey", lookup(List.of(key), List.of(sign(SECRET, mintPub, key))).toString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode quotes = JSON.readTree(r.body()).get("quotes");
            assertEquals(3, quotes.size(), r.body());
            for (JsonNode q : quotes) {
                assertEquals(key, q.get("pubkey").asText());
                assertEquals("PAID", q.get("state").asText());
                assertEquals("ehash", q.get("method").asText());
                assertEquals("hash", q.get("unit").asText());
                assertTrue(q.get("amount").asLong() > 0);
            }

            // paging: two, then the rest from the cursor
            ObjectNode paged = lookup(List.of(key), List.of(sign(SECRET, mintPub, key)));
            paged.put("limit", 2);
            JsonNode first = JSON.readTree(post(pool, "/v1/mint/quote/ehash/pubkey", paged.toString()).body());
            assertEquals(2, first.get("quotes").size());
            paged.put("after", first.get("next").asText());
            JsonNode second = JSON.readTree(post(pool, "/v1/mint/quote/ehash/pubkey", paged.toString()).body());
            assertEquals(1, second.get("quotes").size());
            assertFalse(second.has("next"));
            List<String> ids = new ArrayList<>();
            for (JsonNode q : first.get("quotes")) ids.add(q.get("quote").asText());
            ids.add(second.get("quotes").get(0).get("quote").asText());
            assertEquals(3, ids.stream().distinct().count(), "pages do not overlap");

            String nobody = keyHex(BigInteger.valueOf(99));
            r = post(pool, "/v1/mint/quote/ehash/pubkey", lookup(List.of(nobody), List.of(sign(BigInteger.valueOf(99), mintPub, nobody))).toString());
            assertEquals(200, r.statusCode());
            assertEquals(0, JSON.readTree(r.body()).get("quotes").size(), "a key without quotes");

            r = post(pool, "/v1/mint/quote/ehash/pubkey", lookup(List.of(key), List.of(sign(OTHER_SECRET, mintPub, key))).toString());
            assertEquals(400, r.statusCode(), "a signature by another key");
            assertEquals(20008, JSON.readTree(r.body()).get("code").asInt());

            String otherMint = keyHex(BigInteger.valueOf(5));
            r = post(pool, "/v1/mint/quote/ehash/pubkey", lookup(List.of(key), List.of(sign(SECRET, otherMint, key))).toString());
            assertEquals(20008, JSON.readTree(r.body()).get("code").asInt(), "a signature meant for another mint");

            List<String> many = new ArrayList<>();
            List<String> sigs = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                many.add(key);
                sigs.add(sign(SECRET, mintPub, key));
            }
            r = post(pool, "/v1/mint/quote/ehash/pubkey", lookup(many, sigs).toString());
            assertEquals(400, r.statusCode());
            assertEquals(11017, JSON.readTree(r.body()).get("code").asInt(), "101 keys");

            for (String bad : List.of("{}", "[]", "{\"pubkeys\":\"x\",\"pubkey_signatures\":[]}", "{\"pubkeys\":[\"zz\"],\"pubkey_signatures\":[\"00\"]}",
                    "{\"pubkeys\":[\"" + key + "\"],\"pubkey_signatures\":[]}", "not json")) {
                r = post(pool, "/v1/mint/quote/ehash/pubkey", bad);
                assertEquals(400, r.statusCode(), bad + " -> " + r.body());
                assertTrue(JSON.readTree(r.body()).has("code"), bad);
            }
        }
    }

    @Test
    void walletClaimAfterAnSv1SessionRedeemsEveryQuoteOnce() throws Exception {
        try (PoolServer pool = start(dir.resolve("pool"))) {
            try (Wallet wallet = Wallet.open(dir.resolve("wallet"), mintUrl(pool), new SecureRandom(), Clock.systemUTC())) {
                mine(pool, wallet.lockingPubkeyHex() + ".bitaxe", 4);
                mine(pool, PoolFixture.IDENTITY, 1); // someone else's
                Wallet.Claim first = wallet.claim();
                assertEquals(4, first.lockedToKey());
                assertEquals(4, first.claimed());
                assertEquals(0, first.failed());
                assertTrue(first.amount() > 0);
                assertEquals(first.amount(), wallet.balance());

                Wallet.Claim again = wallet.claim();
                assertEquals(4, again.lockedToKey());
                assertEquals(0, again.claimed(), "nothing is claimed twice");
                assertEquals(first.amount(), wallet.balance());

                mine(pool, wallet.lockingPubkeyHex() + ".bitaxe", 1);
                Wallet.Claim third = wallet.claim();
                assertEquals(1, third.claimed(), "only the new quote");
                assertEquals(first.amount() + third.amount(), wallet.balance());
            }
        }
    }
}
