package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Secp256k1;

/** A DLEQ proof made here by the NUT-12 recipe (mint side) must verify; any change must not. */
class DleqTest {
    final SecureRandom random = new SecureRandom(new byte[] {1});

    record Made(ECPoint a, ECPoint b, ECPoint c, byte[] e, byte[] s) {}

    Made prove(BigInteger key) {
        ECPoint a = Secp256k1.mulG(key);
        ECPoint b = CashuCrypto.blind("secret".getBytes(), Secp256k1.randomScalar(random));
        ECPoint c = CashuCrypto.blindSign(key, b);
        BigInteger r = Secp256k1.randomScalar(random);
        byte[] e = Dleq.challenge(Secp256k1.mulG(r), b.multiply(r).normalize(), a, c);
        BigInteger s = r.add(new BigInteger(1, e).multiply(key)).mod(Secp256k1.N);
        return new Made(a, b, c, e, Secp256k1.bytes32(s));
    }

    @Test
    void aHonestProofVerifies() {
        Made m = prove(Secp256k1.randomScalar(random));
        assertTrue(Dleq.verify(m.e(), m.s(), m.a(), m.b(), m.c()));
    }

    @Test
    void anotherKeyOrAChangedValueFails() {
        Made m = prove(Secp256k1.randomScalar(random));
        ECPoint otherKey = Secp256k1.mulG(Secp256k1.randomScalar(random));
        assertFalse(Dleq.verify(m.e(), m.s(), otherKey, m.b(), m.c()), "signed with a key other than the published one");
        byte[] s = m.s().clone();
        s[31] ^= 1;
        assertFalse(Dleq.verify(m.e(), s, m.a(), m.b(), m.c()));
        assertFalse(Dleq.verify(m.e(), m.s(), m.a(), m.b(), m.c().add(Secp256k1.G).normalize()));
        assertFalse(Dleq.verify(null, m.s(), m.a(), m.b(), m.c()));
        assertFalse(Dleq.verify(new byte[31], m.s(), m.a(), m.b(), m.c()));
    }
}
