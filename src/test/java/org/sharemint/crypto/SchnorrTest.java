package org.sharemint.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharemint.TestVectors;

/** Every row of BIP340's test-vectors.csv (src/test/resources/vectors), sign and verify. */
class SchnorrTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<org.junit.jupiter.params.provider.Arguments> rows() throws IOException {
        List<String> lines = TestVectors.lines("bip340/test-vectors.csv");
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> org.junit.jupiter.params.provider.Arguments.of((Object) l.split(",", -1)));
    }

    @ParameterizedTest(name = "row {index}")
    @MethodSource("rows")
    void vector(String[] row) {
        byte[] pub = HEX.parseHex(row[2]);
        byte[] msg = HEX.parseHex(row[4]);
        byte[] sig = HEX.parseHex(row[5]);
        boolean expected = row[6].equalsIgnoreCase("TRUE");
        assertEquals(expected, Schnorr.verify(pub, msg, sig), "verify, row " + row[0] + " " + row[7]);
        if (!row[1].isEmpty()) {
            BigInteger secret = new BigInteger(1, HEX.parseHex(row[1]));
            assertArrayEquals(pub, Schnorr.publicKey(secret), "public key, row " + row[0]);
            assertArrayEquals(sig, Schnorr.sign(secret, msg, HEX.parseHex(row[3])), "signature, row " + row[0]);
        }
    }
}
