package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HexFormat;
import java.util.TreeMap;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.sharemint.TestVectors;
import org.sharemint.crypto.Secp256k1;

class KeysetIdsTest {
    static JsonNode vectors() throws Exception {
        return TestVectors.json("cashu.json");
    }

    static TreeMap<Long, ECPoint> keys(JsonNode v) throws Exception {
        TreeMap<Long, ECPoint> m = new TreeMap<>(Long::compareUnsigned);
        for (var e : v.get("keys").properties()) {
            m.put(Long.parseUnsignedLong(e.getKey()), Secp256k1.decodePoint(HexFormat.of().parseHex(e.getValue().asText())));
        }
        return m;
    }

    @Test
    void v1IdsMatchTheVectors() throws Exception {
        int n = 0;
        for (JsonNode v : vectors().get("nut02_keyset_id_v1")) {
            assertEquals(v.get("id").asText(), KeysetIds.v1(keys(v)));
            n++;
        }
        assertTrue(n >= 2);
    }

    @Test
    void v2IdsMatchTheVectors() throws Exception {
        int n = 0;
        for (JsonNode v : vectors().get("nut02_keyset_id_v2")) {
            Long expiry = v.has("final_expiry") ? v.get("final_expiry").asLong() : null;
            long fee = v.path("input_fee_ppk").asLong(0);
            Keyset k = new Keyset(v.get("id").asText(), v.get("unit").asText(), true, fee, expiry, keys(v));
            assertEquals(v.get("id").asText(), KeysetIds.v2(k.keys(), k.unit(), fee, expiry));
            assertTrue(KeysetIds.matches(k));
            assertFalse(KeysetIds.matches(new Keyset(k.id(), "other", true, fee, expiry, k.keys())), "the unit is part of the id");
            n++;
        }
        assertTrue(n >= 2);
    }
}
