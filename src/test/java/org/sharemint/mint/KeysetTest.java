package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharemint.TestVectors;
import org.sharemint.crypto.Secp256k1;

/** Keyset ids v1 and v2 against every NUT-02 vector in cashu.json; deterministic key derivation. */
class KeysetTest {
    private static JsonNode vectors;

    @BeforeAll
    static void load() throws IOException {
        vectors = TestVectors.json("cashu.json");
    }

    private static SortedMap<BigInteger, String> keys(JsonNode keys) {
        SortedMap<BigInteger, String> m = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(new BigInteger(e.getKey()), e.getValue().asText());
        }
        return m;
    }

    @Test
    void v1Vectors() {
        JsonNode cases = vectors.get("nut02_keyset_id_v1");
        assertEquals(2, cases.size());
        for (JsonNode c : cases) assertEquals(c.get("id").asText(), KeysetIds.v1(keys(c.get("keys"))));
    }

    @Test
    void v2Vectors() {
        JsonNode cases = vectors.get("nut02_keyset_id_v2");
        assertEquals(3, cases.size());
        for (JsonNode c : cases) {
            Long expiry = c.hasNonNull("final_expiry") ? c.get("final_expiry").asLong() : null;
            String id = KeysetIds.v2(keys(c.get("keys")), c.get("unit").asText(), c.path("input_fee_ppk").asLong(0), expiry);
            assertEquals(c.get("id").asText(), id, c.get("id").asText());
        }
    }

    @Test
    void derivationIsDeterministicAndIndexed() {
        byte[] seed = new byte[32];
        seed[0] = 7;
        Keyset a = Keyset.derive(seed, 0, "hash", 2, true, 0);
        Keyset b = Keyset.derive(seed.clone(), 0, "hash", 2, true, 0);
        Keyset c = Keyset.derive(seed, 1, "hash", 2, true, 0);
        assertEquals(a.id(), b.id());
        assertNotEquals(a.id(), c.id());
        assertEquals(66, a.id().length());
        assertTrue(a.id().startsWith("01"));
        assertEquals(33, a.idBytes().length);
        assertEquals(64, a.keysHex().size());
        assertEquals(BigInteger.ONE.shiftLeft(63), a.keysHex().lastKey());
        for (int i = 0; i < Keyset.KEYS; i++) {
            assertEquals(Secp256k1.mulG(a.privateKey(i)), a.publicKey(i));
            assertTrue(a.privateKey(i).signum() > 0 && a.privateKey(i).compareTo(Secp256k1.N) < 0);
        }
        assertEquals(KeysetIds.v2(a.keysHex(), "hash", 0, null), a.id());
    }

    @Test
    void version1Ids() {
        Keyset k = Keyset.derive(new byte[32], 0, "hash", 1, true, 0);
        assertEquals(16, k.id().length());
        assertTrue(k.id().startsWith("00"));
        assertEquals(8, k.idBytes().length);
        assertEquals(KeysetIds.v1(k.keysHex()), k.id());
    }
}
