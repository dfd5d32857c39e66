package org.sharemint.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.sharemint.TestVectors;

/** NUT-12's published vectors (src/test/resources/vectors/nut12.json), and proofs made here: honest ones verify, changed ones do not. */
class DleqTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final JsonNode V = TestVectors.json("nut12.json");
    final SecureRandom random = new SecureRandom(new byte[] {1});

    record Made(BigInteger key, ECPoint a, ECPoint b, ECPoint c, Dleq.Proof proof) {}

    static ECPoint point(JsonNode n, String field) throws CryptoException {
        return Secp256k1.decodePoint(HEX.parseHex(n.get(field).asText()));
    }

    static byte[] bytes(JsonNode n, String field) {
        return HEX.parseHex(n.get(field).asText());
    }

    Made prove(BigInteger key) {
        ECPoint a = Secp256k1.mulG(key);
        ECPoint b = CashuCrypto.blind("secret".getBytes(), Secp256k1.randomScalar(random));
        ECPoint c = CashuCrypto.blindSign(key, b);
        return new Made(key, a, b, c, Dleq.prove(key, a, b, c));
    }

    @Test
    void hashEVector() throws CryptoException {
        JsonNode v = V.get("hash_e");
        byte[] h = Dleq.challenge(point(v, "R1"), point(v, "R2"), point(v, "K"), point(v, "C_"));
        assertEquals(v.get("hash").asText(), HEX.formatHex(h));
    }

    @Test
    void deterministicNonceVectorGivesThePublishedEAndS() throws CryptoException {
        JsonNode v = V.get("deterministic_nonce");
        BigInteger a = new BigInteger(1, bytes(v, "a"));
        ECPoint pubA = point(v, "A"), b = point(v, "B_"), c = point(v, "C_");
        assertEquals(pubA, Secp256k1.mulG(a));
        assertEquals(c, CashuCrypto.blindSign(a, b));
        Dleq.Proof p = Dleq.prove(a, pubA, b, c);
        assertEquals(v.get("e").asText(), HEX.formatHex(p.e()));
        assertEquals(v.get("s").asText(), HEX.formatHex(p.s()));
        assertTrue(Dleq.verify(p.e(), p.s(), pubA, b, c));
    }

    @Test
    void blindSignatureVectorVerifies() throws CryptoException {
        JsonNode v = V.get("blind_signature");
        JsonNode d = v.get("dleq");
        assertTrue(Dleq.verify(bytes(d, "e"), bytes(d, "s"), point(v, "A"), point(v, "B_"), point(v, "C_")));
        assertFalse(Dleq.verify(bytes(d, "s"), bytes(d, "e"), point(v, "A"), point(v, "B_"), point(v, "C_")), "e and s swapped");
    }

    @Test
    void proofVectorVerifiesAfterRebuildingBAndC() throws CryptoException {
        // Carol's check: B_ = Y + r·G, C_ = C + r·A from the proof and its r
        JsonNode v = V.get("proof");
        JsonNode d = v.get("dleq");
        ECPoint pubA = point(v, "A");
        BigInteger r = Secp256k1.scalar(bytes(d, "r"));
        ECPoint b = CashuCrypto.hashToCurve(v.get("secret").asText()).add(Secp256k1.mulG(r)).normalize();
        ECPoint c = point(v, "C").add(pubA.multiply(r)).normalize();
        assertTrue(Dleq.verify(bytes(d, "e"), bytes(d, "s"), pubA, b, c));
    }

    @Test
    void aHonestProofVerifiesAndIsDeterministic() {
        Made m = prove(Secp256k1.randomScalar(random));
        assertTrue(Dleq.verify(m.proof().e(), m.proof().s(), m.a(), m.b(), m.c()));
        Dleq.Proof again = Dleq.prove(m.key(), m.a(), m.b(), m.c());
        assertArrayEquals(m.proof().s(), again.s());
    }

    @Test
    void anotherKeyOrAChangedValueFails() {
        Made m = prove(Secp256k1.randomScalar(random));
        byte[] e = m.proof().e(), s = m.proof().s();
        ECPoint otherKey = Secp256k1.mulG(Secp256k1.randomScalar(random));
        assertFalse(Dleq.verify(e, s, otherKey, m.b(), m.c()), "signed with a key other than the published one");
        byte[] s2 = s.clone();
        s2[31] ^= 1;
        assertFalse(Dleq.verify(e, s2, m.a(), m.b(), m.c()));
        assertFalse(Dleq.verify(e, s, m.a(), m.b(), m.c().add(Secp256k1.G).normalize()));
        assertFalse(Dleq.verify(null, s, m.a(), m.b(), m.c()));
        assertFalse(Dleq.verify(new byte[31], s, m.a(), m.b(), m.c()));
        assertFalse(Dleq.verify(e, Secp256k1.bytes32(Secp256k1.N), m.a(), m.b(), m.c()), "s not below n");
    }

    @Test
    void theSignerOfARequestGivesEachOutputTheSameProofAsAlone() {
        // BlindSigner normalises a request's points together: the answers must not depend on it
        BigInteger[] keys = {Secp256k1.randomScalar(random), Secp256k1.randomScalar(random), Secp256k1.randomScalar(random)};
        ECPoint[] pubs = new ECPoint[3], blinded = new ECPoint[3];
        for (int i = 0; i < 3; i++) {
            pubs[i] = Secp256k1.mulG(keys[i]);
            blinded[i] = CashuCrypto.blind(("s" + i).getBytes(), Secp256k1.randomScalar(random));
        }
        BlindSigner.Signed[] signed = BlindSigner.sign(keys, pubs, blinded);
        for (int i = 0; i < 3; i++) {
            ECPoint c = CashuCrypto.blindSign(keys[i], blinded[i]);
            assertArrayEquals(c.getEncoded(true), signed[i].c());
            Dleq.Proof alone = Dleq.prove(keys[i], pubs[i], blinded[i], c);
            assertArrayEquals(alone.e(), signed[i].dleq().e());
            assertArrayEquals(alone.s(), signed[i].dleq().s());
            assertTrue(Dleq.verify(alone.e(), alone.s(), pubs[i], blinded[i], c));
        }
    }
}
