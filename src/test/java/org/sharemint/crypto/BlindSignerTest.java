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

/**
 * The two signing paths of {@link BlindSigner}, libsecp256k1 and BouncyCastle, give the same bytes:
 * on NUT-12's vector and on random keys and blinded messages, one output and many per request.
 */
class BlindSignerTest {
    private static final HexFormat HEX = HexFormat.of();
    final SecureRandom random = new SecureRandom();

    @Test
    void theNativeLibraryLoadsOnTheMachinesWeBuildOn() {
        // CI and the developers' machines are Linux x86_64, for which the jar carries the library;
        // a fallback there would halve the mint's signing rate without anyone noticing
        assertTrue(NativeSecp.available(), "libsecp256k1 did not load (see the log's warning)");
    }

    @Test
    void bothPathsGiveNut12sDeterministicNonceVector() throws CryptoException {
        JsonNode v = TestVectors.json("nut12.json").get("deterministic_nonce");
        BigInteger a = new BigInteger(1, HEX.parseHex(v.get("a").asText()));
        ECPoint pubA = Secp256k1.decodePoint(HEX.parseHex(v.get("A").asText()));
        ECPoint b = Secp256k1.decodePoint(HEX.parseHex(v.get("B_").asText()));
        for (BlindSigner.Signed s : new BlindSigner.Signed[] {
                BlindSigner.signNative(new BigInteger[] {a}, new ECPoint[] {pubA}, new ECPoint[] {b})[0],
                BlindSigner.signBouncyCastle(new BigInteger[] {a}, new ECPoint[] {pubA}, new ECPoint[] {b})[0]}) {
            assertEquals(v.get("C_").asText(), HEX.formatHex(s.c()));
            assertEquals(v.get("e").asText(), HEX.formatHex(s.dleq().e()));
            assertEquals(v.get("s").asText(), HEX.formatHex(s.dleq().s()));
        }
    }

    @Test
    void randomRequestsGetTheSameBytesFromBothPaths() {
        for (int round = 0; round < 20; round++) {
            int n = 1 + random.nextInt(10);
            BigInteger[] keys = new BigInteger[n];
            ECPoint[] pubs = new ECPoint[n], blinded = new ECPoint[n];
            for (int i = 0; i < n; i++) {
                keys[i] = Secp256k1.randomScalar(random);
                pubs[i] = Secp256k1.mulG(keys[i]);
                byte[] secret = new byte[1 + random.nextInt(64)];
                random.nextBytes(secret);
                blinded[i] = CashuCrypto.blind(secret, Secp256k1.randomScalar(random));
            }
            BlindSigner.Signed[] fast = BlindSigner.signNative(keys, pubs, blinded);
            BlindSigner.Signed[] plain = BlindSigner.signBouncyCastle(keys, pubs, blinded);
            for (int i = 0; i < n; i++) {
                assertArrayEquals(plain[i].c(), fast[i].c(), "C_ of output " + i);
                assertArrayEquals(plain[i].dleq().e(), fast[i].dleq().e(), "e of output " + i);
                assertArrayEquals(plain[i].dleq().s(), fast[i].dleq().s(), "s of output " + i);
                ECPoint c = CashuCrypto.blindSign(keys[i], blinded[i]);
                assertArrayEquals(c.getEncoded(true), fast[i].c());
                assertTrue(Dleq.verify(fast[i].dleq().e(), fast[i].dleq().s(), pubs[i], blinded[i], c));
            }
        }
    }

    @Test
    void signsChecksAProofLikeBouncyCastle() {
        BigInteger k = Secp256k1.randomScalar(random);
        ECPoint y = CashuCrypto.hashToCurve("a secret");
        ECPoint c = y.multiply(k).normalize();
        assertTrue(BlindSigner.signs(k, y, c));
        assertFalse(BlindSigner.signs(k, y, c.add(Secp256k1.G).normalize()));
        assertFalse(BlindSigner.signs(k.add(BigInteger.ONE), y, c));
    }

    @Test
    void decodingThroughLibsecp256k1GivesBouncyCastlesPointAndRefusesTheSame() throws CryptoException {
        for (int i = 0; i < 32; i++) {
            ECPoint p = Secp256k1.mulG(Secp256k1.randomScalar(random));
            assertEquals(p, Secp256k1.decodePoint(p.getEncoded(true)));
            assertEquals(p, Secp256k1.decodePoint(p.getEncoded(false)));
            assertArrayEquals(p.getEncoded(true), Secp256k1.decodePoint(p.getEncoded(true)).getEncoded(true));
        }
        // x = 5 has no y on secp256k1 (x^3 + 7 = 132 is not a square mod p)
        byte[] notOnCurve = new byte[33];
        notOnCurve[0] = 2;
        notOnCurve[32] = 5;
        org.junit.jupiter.api.Assertions.assertThrows(CryptoException.class, () -> Secp256k1.decodePoint(notOnCurve));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Secp256k1.CURVE.decodePoint(notOnCurve)); // BouncyCastle refuses it too
    }

    @Test
    void compressKeepsTheParityOfY() {
        for (int i = 0; i < 16; i++) {
            ECPoint p = Secp256k1.mulG(Secp256k1.randomScalar(random));
            assertArrayEquals(p.getEncoded(true), NativeSecp.compress(p.getEncoded(false)));
        }
    }
}
