package org.sharemint.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A mint's signing of one request's outputs (NUT-00 with NUT-12): C_ = k·B_ and the DLEQ proof
 * that the k of the published K = k·G made it. Two variable-base products per output (k·B_,
 * r·B_; BouncyCastle's secp256k1 multiplies with the GLV endomorphism and keeps B_'s precomputed
 * multiples on the point between the two) and one fixed-base (r·G, {@link FixedBase}). The points
 * of a request share one field inversion per step ({@code normalizeAll}): all C_ first, which the
 * nonces hash, then all R1 and R2.
 */
public final class BlindSigner {
    /** One output's signature C_ (normalized) and its proof. */
    public record Signed(ECPoint c, Dleq.Proof dleq) {}

    private BlindSigner() {}

    /**
     * Signs {@code blinded[i]} with {@code keys[i]}, whose public key is {@code publicKeys[i]};
     * every array of one length, every point normalized.
     */
    public static Signed[] sign(BigInteger[] keys, ECPoint[] publicKeys, ECPoint[] blinded) {
        int n = blinded.length;
        ECPoint[] c = new ECPoint[n];
        for (int i = 0; i < n; i++) c[i] = blinded[i].multiply(keys[i]);
        Secp256k1.CURVE.normalizeAll(c);
        BigInteger[] r = new BigInteger[n];
        ECPoint[] rPoints = new ECPoint[2 * n]; // R1 of output i at 2i, R2 at 2i+1
        for (int i = 0; i < n; i++) {
            r[i] = Dleq.nonce(keys[i], publicKeys[i], blinded[i], c[i]);
            rPoints[2 * i] = FixedBase.mulG(r[i]);
            rPoints[2 * i + 1] = blinded[i].multiply(r[i]);
        }
        Secp256k1.CURVE.normalizeAll(rPoints);
        Signed[] out = new Signed[n];
        for (int i = 0; i < n; i++) {
            byte[] e = Dleq.challenge(rPoints[2 * i], rPoints[2 * i + 1], publicKeys[i], c[i]);
            out[i] = new Signed(c[i], Dleq.respond(keys[i], r[i], e));
        }
        return out;
    }
}
