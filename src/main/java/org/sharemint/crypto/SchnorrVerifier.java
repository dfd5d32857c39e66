package org.sharemint.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * BIP340 verification against one public key, for callers that verify under the same key
 * again and again (the Noise initiator checks every certificate against its pinned authority
 * key). The key is lifted once, and s·G − e·P is one interleaved multiplication whose tables for
 * G and P are kept between calls; results equal {@link Schnorr#verify}.
 */
public final class SchnorrVerifier {
    private final byte[] publicKey;
    private final ECPoint point;

    /** @throws CryptoException when the 32 bytes are not the x of a curve point */
    public SchnorrVerifier(byte[] xOnlyPublicKey) throws CryptoException {
        this.point = Secp256k1.liftX(xOnlyPublicKey);
        this.publicKey = xOnlyPublicKey.clone();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** True when {@code sig} is a valid BIP340 signature of {@code message} under this key. */
    public boolean verify(byte[] message, byte[] sig) {
        if (sig == null || sig.length != 64) return false;
        byte[] rx = Arrays.copyOfRange(sig, 0, 32);
        BigInteger r = new BigInteger(1, rx);
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        if (r.compareTo(Secp256k1.P) >= 0 || s.compareTo(Secp256k1.N) >= 0) return false;
        BigInteger e = new BigInteger(1, Hashes.tagged("BIP0340/challenge", rx, publicKey, message)).mod(Secp256k1.N);
        ECPoint rPoint = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, s, point, Secp256k1.N.subtract(e)).normalize();
        if (rPoint.isInfinity() || !Secp256k1.hasEvenY(rPoint)) return false;
        return rPoint.getAffineXCoord().toBigInteger().equals(r);
    }
}
