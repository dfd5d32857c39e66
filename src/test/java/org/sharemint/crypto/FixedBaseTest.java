package org.sharemint.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class FixedBaseTest {
    @Test
    void equalsTheCombOnEdgeAndRandomScalars() {
        BigInteger n = Secp256k1.N;
        BigInteger[] edges = {BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(15), BigInteger.valueOf(16), BigInteger.valueOf(17),
            BigInteger.ONE.shiftLeft(252), BigInteger.ONE.shiftLeft(255), n.subtract(BigInteger.ONE), n.subtract(BigInteger.TWO), n.shiftRight(1)};
        for (BigInteger k : edges) assertEquals(Secp256k1.mulG(k), FixedBase.mulG(k), k.toString(16));
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            BigInteger k = Secp256k1.randomScalar(random);
            assertEquals(Secp256k1.mulG(k), FixedBase.mulG(k), k.toString(16));
        }
        assertThrows(IllegalArgumentException.class, () -> FixedBase.mulG(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> FixedBase.mulG(n));
    }
}
