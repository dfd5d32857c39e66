package org.sharemint.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharemint.TestVectors;

/** BIP324's ElligatorSwift vectors (src/test/resources/vectors/bip324), every row. */
class ElligatorSwiftTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> csv(String name) throws IOException {
        List<String> lines = TestVectors.lines("bip324/" + name);
        assertTrue(lines.size() > 2, name + " has no rows");
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> Arguments.of((Object) l.split(",", -1)));
    }

    static Stream<Arguments> decodeRows() throws IOException {
        return csv("ellswift_decode_test_vectors.csv");
    }

    static Stream<Arguments> inverseRows() throws IOException {
        return csv("xswiftec_inv_test_vectors.csv");
    }

    static Stream<Arguments> packetRows() throws IOException {
        return csv("packet_encoding_test_vectors.csv");
    }

    @ParameterizedTest(name = "decode row {index}")
    @MethodSource("decodeRows")
    void decode(String[] row) {
        assertArrayEquals(HEX.parseHex(row[1]), ElligatorSwift.decode(HEX.parseHex(row[0])), row[2]);
    }

    @ParameterizedTest(name = "inverse row {index}")
    @MethodSource("inverseRows")
    void inverse(String[] row) {
        ECFieldElement u = ElligatorSwift.fe(new BigInteger(1, HEX.parseHex(row[0])));
        ECFieldElement x = ElligatorSwift.fe(new BigInteger(1, HEX.parseHex(row[1])));
        for (int c = 0; c < 8; c++) {
            ECFieldElement t = ElligatorSwift.inverse(x, u, c);
            String expected = row[2 + c];
            if (expected.isEmpty()) {
                assertNull(t, "case " + c + ": " + row[10]);
            } else {
                byte[] tb = new byte[32];
                t.encodeTo(tb, 0);
                assertEquals(expected, HEX.formatHex(tb), "case " + c + ": " + row[10]);
                // and the t found decodes back to x
                byte[] enc = new byte[64];
                u.encodeTo(enc, 0);
                System.arraycopy(tb, 0, enc, 32, 32);
                assertArrayEquals(HEX.parseHex(row[1]), ElligatorSwift.decode(enc));
            }
        }
    }

    @ParameterizedTest(name = "packet row {index}")
    @MethodSource("packetRows")
    void sharedSecret(String[] row) throws CryptoException {
        BigInteger priv = Secp256k1.scalar(HEX.parseHex(row[1]));
        byte[] ours = HEX.parseHex(row[2]);
        byte[] theirs = HEX.parseHex(row[3]);
        boolean initiating = row[4].equals("1");
        byte[] x = ElligatorSwift.xOnlyEcdh(theirs, priv);
        byte[] secret = initiating ? ElligatorSwift.sharedSecret(ours, theirs, x) : ElligatorSwift.sharedSecret(theirs, ours, x);
        assertEquals(row[12], HEX.formatHex(secret), "row " + row[0]);
        // our own encoding decodes to our public key's x
        assertArrayEquals(Secp256k1.xOnly(Secp256k1.mulG(priv)), ElligatorSwift.decode(ours));
    }

    @Test
    void encodeRoundTrips() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 50; i++) {
            ECPoint p = Secp256k1.mulG(Secp256k1.randomScalar(random));
            byte[] enc = ElligatorSwift.encode(p, random);
            assertEquals(64, enc.length);
            assertArrayEquals(Secp256k1.xOnly(p), ElligatorSwift.decode(enc));
        }
    }

    @Test
    void bothSidesAgree() {
        SecureRandom random = new SecureRandom();
        BigInteger a = Secp256k1.randomScalar(random), b = Secp256k1.randomScalar(random);
        byte[] ea = ElligatorSwift.encode(Secp256k1.mulG(a), random), eb = ElligatorSwift.encode(Secp256k1.mulG(b), random);
        assertArrayEquals(ElligatorSwift.xOnlyEcdh(eb, a), ElligatorSwift.xOnlyEcdh(ea, b));
    }

    @Test
    void twoSecretsOnOnePointEqualTwoSingleMultiplications() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 20; i++) {
            BigInteger a = Secp256k1.randomScalar(random), b = Secp256k1.randomScalar(random), c = Secp256k1.randomScalar(random);
            byte[] enc = ElligatorSwift.encode(Secp256k1.mulG(c), random);
            byte[][] both = ElligatorSwift.xOnlyEcdh(ElligatorSwift.decodePoint(enc), a, b);
            assertArrayEquals(ElligatorSwift.xOnlyEcdh(enc, a), both[0]);
            assertArrayEquals(ElligatorSwift.xOnlyEcdh(enc, b), both[1]);
            assertArrayEquals(Secp256k1.xOnly(Secp256k1.mulG(a.multiply(c).mod(Secp256k1.N))), both[0]);
        }
    }
}
