package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the pool tells an SV1 miner unasked: mining.set_version_mask (BIP310) and mining.set_extranonce. */
class Sv1NotificationsTest {
    private static final Map<String, String> SV1 = Map.of("pool.sv1.listen", "127.0.0.1:0");
    /** A version bit a node's template sets to signal a deployment, inside the rollable range. */
    private static final int SIGNAL = 1 << 20;

    @TempDir
    Path dir;

    private static int hex(JsonNode n) {
        return (int) Long.parseLong(n.asText(), 16);
    }

    private static int indexOfLast(Sv1TestClient c, String method) {
        int last = -1;
        for (int i = 0; i < c.received.size(); i++) if (method.equals(c.received.get(i).path("method").asText())) last = i;
        return last;
    }

    @Test
    void aJobThatChangesTheAllowedMaskIsPrecededBySetVersionMask() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, SV1); Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address());
                Sv1TestClient plain = new Sv1TestClient(pool.server.sv1Address())) {
            JsonNode conf = c.call("mining.configure", List.of("version-rolling"),
                    Map.of("version-rolling.mask", "ffffffff", "version-rolling.min-bit-count", 2));
            int granted = hex(conf.get("result").get("version-rolling.mask"));
            assertTrue((granted & SIGNAL) != 0, "the bit is rollable while no deployment signals on it");
            c.subscribe();
            assertTrue(c.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
            plain.subscribe();
            assertTrue(plain.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
            c.awaitJob();
            assertEquals(0, c.notifications("mining.set_version_mask"), "the first job keeps the mask configure granted");

            int notifies = c.notifications("mining.notify");
            pool.server.signalVersionBits(SIGNAL);
            pool.server.advanceChain(false);
            waiting().until(() -> c.notifications("mining.notify") > notifies);
            assertEquals(1, c.notifications("mining.set_version_mask"));
            int mask = hex(c.lastNotification("mining.set_version_mask").get("params").get(0));
            assertEquals(granted & ~SIGNAL, mask, "the signalled bit is no longer rollable");
            assertTrue(indexOfLast(c, "mining.set_version_mask") < indexOfLast(c, "mining.notify"), "the mask comes before the job it applies to");
            assertTrue((hex(c.lastNotification("mining.notify").get("params").get(5)) & SIGNAL) != 0, "the job signals");

            JsonNode rolledAway = c.call("mining.submit", c.find(false, SIGNAL, SIGNAL).params(PoolFixture.IDENTITY));
            assertEquals(20, Sv1TestClient.errorCode(rolledAway), "a share that rolls the signalled bit: " + rolledAway);
            assertEquals(ShareError.INVALID_NON_ROLLABLE_VERSION_BIT, rolledAway.get("error").get(1).asText());
            JsonNode ok = c.call("mining.submit", c.find(false, 0x00a5e000 & mask, mask).params(PoolFixture.IDENTITY));
            assertTrue(ok.get("result").asBoolean(), "rolled within the new mask: " + ok);

            // the deployment is over: the bit is rollable again
            int before = c.notifications("mining.notify");
            pool.server.signalVersionBits(0);
            pool.server.advanceChain(true);
            waiting().until(() -> c.notifications("mining.notify") > before);
            assertEquals(2, c.notifications("mining.set_version_mask"));
            assertEquals(granted, hex(c.lastNotification("mining.set_version_mask").get("params").get(0)));
            assertEquals(0, plain.notifications("mining.set_version_mask"), "a miner that did not configure version rolling is never told");
        }
    }

    @Test
    void aFullShareSetMovesASubscribedMinerToANewExtranonce1() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, SV1); Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address());
                Sv1TestClient plain = new Sv1TestClient(pool.server.sv1Address())) {
            c.subscribe();
            assertTrue(c.call("mining.extranonce.subscribe").get("result").asBoolean());
            assertTrue(c.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
            plain.subscribe();
            assertTrue(plain.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
            c.awaitJob();
            plain.awaitJob();
            pool.server.limitSharesPerBlock(2);
            String first = c.extranonce1;
            for (Sv1TestClient m : List.of(c, plain)) {
                for (int i = 0; i < 2; i++) assertTrue(m.call("mining.submit", m.find().params(PoolFixture.IDENTITY)).get("result").asBoolean());
            }
            int notifies = c.notifications("mining.notify");
            JsonNode full = c.call("mining.submit", c.find().params(PoolFixture.IDENTITY));
            assertEquals("too-many-shares", full.get("error").get(1).asText(), full.toString());
            waiting().until(() -> c.notifications("mining.set_extranonce") == 1 && c.notifications("mining.notify") > notifies);
            assertNotEquals(first, c.extranonce1, "a new extranonce1");
            assertEquals(8, c.extranonce2Size);
            assertTrue(indexOfLast(c, "mining.set_extranonce") < indexOfLast(c, "mining.notify"), "then a job for it");
            assertTrue(c.lastNotification("mining.notify").get("params").get(8).asBoolean(), "a clean one");
            for (int i = 0; i < 3; i++) {
                JsonNode r = c.call("mining.submit", c.find().params(PoolFixture.IDENTITY));
                assertTrue(r.get("result").asBoolean(), "shares on the new extranonce1: " + r);
            }

            JsonNode refused = plain.call("mining.submit", plain.find().params(PoolFixture.IDENTITY));
            assertEquals("too-many-shares", refused.get("error").get(1).asText(), "a miner that did not subscribe keeps its extranonce1");
            assertEquals(0, plain.notifications("mining.set_extranonce"));
        }
    }

    @Test
    void configuresSubscribeExtranonceIsASubscriptionToo() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, SV1); Sv1TestClient c = new Sv1TestClient(pool.server.sv1Address())) {
            JsonNode conf = c.call("mining.configure", List.of("subscribe-extranonce", "minimum-difficulty"), Map.of());
            assertTrue(conf.get("result").get("subscribe-extranonce").asBoolean(), conf.toString());
            c.subscribe();
            assertTrue(c.call("mining.authorize", PoolFixture.IDENTITY, "x").get("result").asBoolean());
            c.awaitJob();
            pool.server.limitSharesPerBlock(1);
            String first = c.extranonce1;
            assertTrue(c.call("mining.submit", c.find().params(PoolFixture.IDENTITY)).get("result").asBoolean());
            assertEquals("too-many-shares", c.call("mining.submit", c.find().params(PoolFixture.IDENTITY)).get("error").get(1).asText());
            waiting().until(() -> c.notifications("mining.set_extranonce") == 1);
            assertNotEquals(first, c.extranonce1);
        }
    }
}
