package org.sharemint.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A mint's signing of one request's outputs (NUT-00 with NUT-12): C_ = k·B_ and the DLEQ proof
 * that the k of the published K = k·G made it. Two variable-base products per output (k·B_,
 * r·B_) and one fixed-base (r·G).
 *
 * <p>Two paths with the same bytes out (BlindSignerTest): libsecp256k1 ({@link NativeSecp}) when it
 * loaded, which works on the points' encodings throughout (the nonce and the challenge hash the
 * uncompressed points anyway); else BouncyCastle, whose secp256k1 multiplies with the GLV
 * endomorphism and keeps B_'s precomputed multiples on the point between the two products, with
 * r·G from {@link FixedBase} and one field inversion per step for a request's points
 * ({@code normalizeAll}): all C_ first, which the nonces hash, then all R1 and R2.
 */
public final class BlindSigner {
    /** One output's signature C_ (33 bytes, compressed) and its proof. */
    public record Signed(byte[] c, Dleq.Proof dleq) {}

    private BlindSigner() {}

    /**
     * Signs {@code blinded[i]} with {@code keys[i]}, whose public key is {@code publicKeys[i]};
     * every array of one length, every point normalized.
     */
    public static Signed[] sign(BigInteger[] keys, ECPoint[] publicKeys, ECPoint[] blinded) {
        return NativeSecp.available() ? signNative(keys, publicKeys, blinded) : signBouncyCastle(keys, publicKeys, blinded);
    }

    /** True when {@code c} = k·{@code y} (a proof's check, NUT-00), by the same path as {@link #sign}. */
    public static boolean signs(BigInteger k, ECPoint y, ECPoint c) {
        if (!NativeSecp.available()) return y.multiply(k).equals(c);
        return Arrays.equals(NativeSecp.multiply(y.getEncoded(false), Secp256k1.bytes32(k)), c.getEncoded(false));
    }

    /** The libsecp256k1 path: no BouncyCastle point arithmetic at all. */
    public static Signed[] signNative(BigInteger[] keys, ECPoint[] publicKeys, ECPoint[] blinded) {
        int n = blinded.length;
        Signed[] out = new Signed[n];
        for (int i = 0; i < n; i++) {
            byte[] k = Secp256k1.bytes32(keys[i]);
            byte[] a = publicKeys[i].getEncoded(false);
            byte[] b = blinded[i].getEncoded(false);
            byte[] c = NativeSecp.multiply(b, k);
            byte[] r = Dleq.nonce(k, a, b, c);
            byte[] e = Dleq.challenge(NativeSecp.multiplyG(r), NativeSecp.multiply(b, r), a, c);
            out[i] = new Signed(NativeSecp.compress(c), Dleq.respond(keys[i], new BigInteger(1, r), e));
        }
        return out;
    }

    /** The BouncyCastle path (pure Java). */
    public static Signed[] signBouncyCastle(BigInteger[] keys, ECPoint[] publicKeys, ECPoint[] blinded) {
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
            out[i] = new Signed(c[i].getEncoded(true), Dleq.respond(keys[i], r[i], e));
        }
        return out;
    }
}
