package org.sharemint.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharemint.TestVectors;

/** SchnorrVerifier gives Schnorr.verify's answer on every BIP340 vector and on fresh signatures. */
class SchnorrVerifierTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void everyBip340VectorRow() throws IOException {
        List<String> lines = TestVectors.lines("bip340/test-vectors.csv");
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            String[] row = line.split(",", -1);
            byte[] pub = HEX.parseHex(row[2]);
            byte[] msg = HEX.parseHex(row[4]);
            byte[] sig = HEX.parseHex(row[5]);
            boolean expected = row[6].equalsIgnoreCase("TRUE");
            SchnorrVerifier v;
            try {
                v = new SchnorrVerifier(pub);
            } catch (CryptoException e) {
                assertFalse(expected, "row " + row[0] + ": key refused but the signature is valid");
                checked++;
                continue;
            }
            assertEquals(expected, v.verify(msg, sig), "row " + row[0] + " " + row[7]);
            checked++;
        }
        assertTrue(checked >= 15, "rows checked: " + checked);
    }

    @Test
    void agreesWithSchnorrOnFreshSignatures() throws CryptoException {
        SecureRandom random = new SecureRandom();
        BigInteger secret = Secp256k1.randomScalar(random);
        SchnorrVerifier v = new SchnorrVerifier(Schnorr.publicKey(secret));
        for (int i = 0; i < 20; i++) {
            byte[] msg = new byte[32];
            random.nextBytes(msg);
            byte[] sig = Schnorr.sign(secret, msg, new byte[32]);
            assertTrue(v.verify(msg, sig));
            sig[i % 64] ^= 1;
            assertEquals(Schnorr.verify(Schnorr.publicKey(secret), msg, sig), v.verify(msg, sig));
            assertFalse(v.verify(msg, sig));
        }
        assertFalse(v.verify(new byte[32], new byte[63]));
        assertThrows(CryptoException.class, () -> new SchnorrVerifier(HEX.parseHex("00".repeat(31) + "05")));
    }
}
