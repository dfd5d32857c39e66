package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several usernames on one SV1 connection (a proxy, a farm): each is paid to its own locking
 * key, as the mint's quote lookup by key shows over real HTTP.
 */
class Sv1WorkersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger ALICE = BigInteger.valueOf(1111);
    private static final BigInteger BOB = BigInteger.valueOf(2222);

    @TempDir
    Path dir;

    private static List<String> quotesOf(PoolServer pool, BigInteger secret) throws Exception {
        String key = Sv1ClaimTest.keyHex(secret);
        String mintPub = Sv1ClaimTest.mintPubkey(pool);
        HttpResponse<String> r = Sv1ClaimTest.post(pool, "/v1/mint/quote/ehash/pubkey",
                Sv1ClaimTest.lookup(List.of(key), List.of(Sv1ClaimTest.sign(secret, mintPub, key))).toString());
        assertEquals(200, r.statusCode(), r.body());
        List<String> ids = new java.util.ArrayList<>();
        for (JsonNode q : JSON.readTree(r.body()).get("quotes")) {
            assertEquals(key, q.get("pubkey").asText());
            ids.add(q.get("quote").asText());
        }
        return ids;
    }

    private static JsonNode monitor(PoolServer pool, String path) throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + pool.monitorAddress().getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return JSON.readTree(r.body());
        }
    }

    @Test
    void eachUsernameOnOneConnectionIsPaidToItsOwnKey() throws Exception {
        Map<String, String> sv1 = Map.of("pool.sv1.listen", "127.0.0.1:0", "mint.http.listen", "127.0.0.1:0");
        try (PoolServer pool = PoolServer.start(PoolFixture.config(dir, sv1)); Sv1TestClient c = new Sv1TestClient(pool.sv1Address())) {
            String alice = Sv1ClaimTest.keyHex(ALICE) + ".rig1";
            String bob = Sv1ClaimTest.keyHex(BOB) + ".rig7";
            c.subscribe();
            assertTrue(c.call("mining.authorize", alice, "x").get("result").asBoolean());
            assertTrue(c.call("mining.authorize", bob, "x").get("result").asBoolean(), "a second key on the same connection");
            for (String user : List.of(alice, bob, bob, alice, bob)) {
                JsonNode r = c.call("mining.submit", c.find().params(user));
                assertTrue(r.get("result").asBoolean(), user + ": " + r);
            }
            assertEquals(2, quotesOf(pool, ALICE).size(), "alice's two shares, locked to her key");
            assertEquals(3, quotesOf(pool, BOB).size(), "bob's three shares, locked to his key");
            // and the monitor counts each share for its own worker
            JsonNode aliceStats = monitor(pool, "/api/v1/workers/" + Sv1ClaimTest.keyHex(ALICE));
            assertEquals(2, aliceStats.get("totals").get("accepted").asLong(), aliceStats.toString());
            assertEquals("rig1", aliceStats.get("workers").get(0).get("name").asText());
            JsonNode bobStats = monitor(pool, "/api/v1/workers/" + Sv1ClaimTest.keyHex(BOB));
            assertEquals(3, bobStats.get("totals").get("accepted").asLong(), bobStats.toString());
            assertEquals("rig7", bobStats.get("workers").get(0).get("name").asText());

            String stranger = Sv1ClaimTest.keyHex(BigInteger.valueOf(3333)) + ".x";
            assertEquals(24, Sv1TestClient.errorCode(c.call("mining.submit", c.find().params(stranger))), "a username never authorized here");
            assertEquals(0, quotesOf(pool, BigInteger.valueOf(3333)).size());
        }
    }

    @Test
    void usernamesPerConnectionAreBounded() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.sv1.listen", "127.0.0.1:0"));
                Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address())) {
            c.subscribe();
            for (int i = 0; i < Sv1Connection.MAX_WORKERS; i++) {
                JsonNode r = c.call("mining.authorize", PoolFixture.KEY_HEX + ".w" + i, "x");
                assertTrue(r.get("result").asBoolean(), r.toString());
            }
            JsonNode again = c.call("mining.authorize", PoolFixture.KEY_HEX + ".w0", "x");
            assertTrue(again.get("result").asBoolean(), "a username already authorized may authorize again");
            JsonNode over = c.call("mining.authorize", PoolFixture.KEY_HEX + ".one-too-many", "x");
            assertEquals(24, Sv1TestClient.errorCode(over));
            assertTrue(over.get("error").get(1).asText().contains("too-many-workers"), over.toString());
            assertTrue(c.call("mining.submit", c.find().params(PoolFixture.KEY_HEX + ".w63")).get("result").asBoolean());
        }
    }
}
