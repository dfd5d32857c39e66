package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;

/** Stratum V1 miners on pool.sv1.listen, through a client written from the SV1 documents. */
class Sv1PortTest {
    private static final Map<String, String> SV1 = Map.of("pool.sv1.listen", "127.0.0.1:0");

    @TempDir
    Path dir;

    private static Sv1TestClient ready(PoolFixture pool, String username) throws Exception {
        Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address());
        c.subscribe();
        JsonNode auth = c.call("mining.authorize", username, "x");
        assertTrue(auth.get("result").asBoolean(), auth.toString());
        return c;
    }

    private static JsonNode submit(Sv1TestClient c, Sv1TestClient.Share s) throws Exception {
        return c.call("mining.submit", s.params(PoolFixture.IDENTITY));
    }

    @Test
    void submitIsAnsweredTrueOnlyOnceTheQuoteIsMade() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, SV1); Sv1TestClient c = ready(pool, PoolFixture.IDENTITY)) {
            assertEquals(8, c.extranonce2Size);
            JsonNode job = c.awaitJob();
            assertTrue(job.get(8).asBoolean(), "the first job is clean");
            Sv1TestClient.Share share = c.find();
            pool.issuer.close();
            int id = c.send("mining.submit", share.params(PoolFixture.IDENTITY));
            Sv2TestClient.waiting().until(() -> pool.issuer.waitingAtGate.get() == 1);
            assertNull(c.response(id), "no answer while the mint has not made the quote");
            pool.issuer.open();
            JsonNode r = c.awaitResponse(id);
            assertEquals(true, r.get("result").asBoolean(), r.toString());
            assertTrue(r.get("error").isNull());
            assertEquals(1, pool.issuer.ledger.size());
            assertEquals(PoolFixture.KEY_HEX, HexFormat.of().formatHex(pool.issuer.requests.get(0).lockingKey()));
        }
    }

    @Test
    void theQuoteIsInTheLedgerFileWhenTheMinerHearsTrue() throws Exception {
        Config config = PoolFixture.config(dir, Map.of("pool.sv1.listen", "127.0.0.1:0", "mint.http.listen", "127.0.0.1:0"));
        try (PoolServer server = PoolServer.start(config); Sv1TestClient c = new Sv1TestClient(server.sv1Address())) {
            c.subscribe();
            assertTrue(c.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
            for (int i = 0; i < 3; i++) {
                JsonNode r = c.call("mining.submit", c.find().params(PoolFixture.IDENTITY));
                assertTrue(r.get("result").asBoolean(), r.toString());
                // read the ledger as it is on disk when the miner hears true
                try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mint.db"));
                        PreparedStatement p = db.prepareStatement("SELECT count(*), min(state) FROM quotes WHERE pubkey = ?")) {
                    p.setBytes(1, HexFormat.of().parseHex(PoolFixture.KEY_HEX));
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        assertEquals(i + 1, rs.getInt(1));
                        assertEquals("PAID", rs.getString(2));
                    }
                }
            }
        }
    }

    @Test
    void errorCodes() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, SV1)) {
            try (Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address())) {
                assertEquals(25, Sv1TestClient.errorCode(c.call("mining.authorize", PoolFixture.IDENTITY, "x")), "authorize before subscribe");
                assertEquals(25, Sv1TestClient.errorCode(c.call("mining.submit", PoolFixture.IDENTITY, "1", "0000000000000000", "00000000",
                        "00000000")), "submit before subscribe");
                c.subscribe();
                assertEquals(24, Sv1TestClient.errorCode(c.call("mining.submit", PoolFixture.IDENTITY, "1", "0000000000000000", "00000000",
                        "00000000")), "submit before authorize");
                JsonNode noKey = c.call("mining.authorize", "alice.rig1", "x");
                assertEquals(24, Sv1TestClient.errorCode(noKey));
                assertTrue(noKey.get("error").get(1).asText().contains("66-hex"), "tells how to form the username: " + noKey);
                assertEquals(24, Sv1TestClient.errorCode(c.call("mining.authorize", "02" + "ff".repeat(32) + ".w", "x")), "not a point");
                assertTrue(c.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
                assertEquals(24, Sv1TestClient.errorCode(c.call("mining.submit", "someone.else", "1", "0000000000000000", "00000000",
                        "00000000")), "worker never authorized");

                Sv1TestClient.Share s = c.find();
                assertTrue(submit(c, s).get("result").asBoolean());
                assertEquals(22, Sv1TestClient.errorCode(submit(c, s)), "duplicate");
                Sv1TestClient.Share unknown = new Sv1TestClient.Share("7fffffff", s.extranonce2(), s.ntime(), s.nonce(), null, s.hash(), null);
                assertEquals(21, Sv1TestClient.errorCode(submit(c, unknown)), "job not found");
                Sv1TestClient.Share shortEn2 = new Sv1TestClient.Share(s.jobId(), "00", s.ntime(), s.nonce(), null, s.hash(), null);
                assertEquals(20, Sv1TestClient.errorCode(submit(c, shortEn2)), "extranonce2 of the wrong size");

                Sv1TestClient.Share old = c.find();
                int notifies = c.notifications("mining.notify");
                pool.server.advanceChain(true);
                Sv2TestClient.waiting().until(() -> c.notifications("mining.notify") > notifies);
                assertTrue(c.lastNotification("mining.notify").get("params").get(8).asBoolean(), "a new block's job is clean");
                assertEquals(21, Sv1TestClient.errorCode(submit(c, old)), "stale after a new block");

                pool.issuer.refuseWith = "mint-quote-failed";
                JsonNode refused = submit(c, c.find());
                assertEquals(20, Sv1TestClient.errorCode(refused));
                assertEquals("mint-quote-failed", refused.get("error").get(1).asText());
                pool.issuer.refuseWith = null;
            }
            try (Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address())) {
                c.subscribe();
                // a harder difficulty than the pool's floor, so most hashes miss it
                assertTrue(c.call("mining.suggest_difficulty", 0.001).get("result").asBoolean());
                assertTrue(c.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
                assertEquals(23, Sv1TestClient.errorCode(submit(c, c.find(true, null, 0))), "low difficulty");
            }
        }
    }

    @Test
    void mintTimeoutIsAnErrorByName() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.sv1.listen", "127.0.0.1:0", "share.mint-timeout-ms", "300"));
                Sv1TestClient c = ready(pool, PoolFixture.IDENTITY)) {
            pool.issuer.close();
            JsonNode r = submit(c, c.find());
            assertEquals(20, Sv1TestClient.errorCode(r));
            assertEquals("mint-timeout", r.get("error").get(1).asText());
        }
    }

    @Test
    void versionRolling() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, SV1); Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address())) {
            JsonNode conf = c.call("mining.configure", List.of("version-rolling"),
                    Map.of("version-rolling.mask", "ffffffff", "version-rolling.min-bit-count", 2));
            JsonNode result = conf.get("result");
            assertTrue(result.get("version-rolling").asBoolean(), conf.toString());
            int mask = (int) Long.parseLong(result.get("version-rolling.mask").asText(), 16);
            assertEquals(0, mask & 0xe000001f, "only BIP320's general purpose bits");
            c.subscribe();
            assertTrue(c.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
            JsonNode r = submit(c, c.find(false, 0x00a5e000 & mask, mask));
            assertTrue(r.get("result").asBoolean(), "a share with rolled version bits: " + r);
            assertEquals(20, Sv1TestClient.errorCode(submit(c, c.find(false, 0x40000000, 0xffffffff))), "bits outside the mask");
        }
    }

    @Test
    void aShareThatMeetsTheNetworkTargetIsABlock() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, SV1); Sv1TestClient c = ready(pool, PoolFixture.IDENTITY)) {
            Sv1TestClient.Share s = c.find();
            assertTrue(s.hash().compareTo(s.networkTarget()) <= 0, "the synthetic chain's regtest target is easy");
            assertTrue(submit(c, s).get("result").asBoolean());
            Sv2TestClient.waiting().until(() -> PoolFixture.sample(pool.scrape("/metrics"), "sharemint_blocks_found_total") == 1);
        }
    }

    @Test
    void badInputGetsAnErrorOrTheConnectionClosed() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, SV1)) {
            try (Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address())) {
                assertEquals(20, Sv1TestClient.errorCode(c.call("mining.fly", 1)), "unknown method");
                c.raw("{\"id\":7,\"method\":\"mining.subscribe\",\"params\":\"x\"}\n");
                assertEquals(20, Sv1TestClient.errorCode(c.awaitResponse(7)), "params of the wrong type");
                c.raw("{\"id\":8,\"method\":\"mining.suggest_difficulty\",\"params\":[\"high\"]}\n");
                assertEquals(20, Sv1TestClient.errorCode(c.awaitResponse(8)), "a string for a number");
                c.subscribe();
                assertFalse(c.eof);
            }
            try (Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address())) {
                c.raw("x".repeat(17 * 1024) + "\n");
                Sv2TestClient.waiting().until(() -> c.eof);
            }
            try (Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address())) {
                c.raw("this is not json\n");
                Sv2TestClient.waiting().until(() -> c.eof);
            }
            try (Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address())) {
                c.subscribe();
                try {
                    for (int i = 0; i < 100 && !c.eof; i++) c.send("mining.submit", "w", "1", "0000000000000000", "00000000", "00000000");
                } catch (java.io.IOException e) {
                    // the pool closed the socket mid-flood
                }
                Sv2TestClient.waiting().until(() -> c.eof);
                assertTrue(c.received.size() <= Sv1Connection.MAX_REQUESTS_BEFORE_AUTHORIZE, "a flood before authorize ends the connection");
            }
            // the pool still serves miners
            try (Sv1TestClient c = ready(pool, PoolFixture.IDENTITY)) {
                assertTrue(submit(c, c.find()).get("result").asBoolean());
            }
        }
    }
}
