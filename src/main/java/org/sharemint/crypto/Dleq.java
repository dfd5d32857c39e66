package org.sharemint.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;

/**
 * NUT-12 DLEQ proofs: the mint shows that the key a behind its published A = a·G is the one that
 * made C_ = a·B_, without revealing a. The mint proves, wallets verify.
 *
 * <p>The nonce is NUT-12's deterministic one, HMAC-SHA256 keyed by (a hash of) a over a tag, A, B_, C_ and a
 * counter byte: a broken or repeated RNG cannot leak a (two proofs with one nonce and different
 * challenges give a away), one (a, B_) always gets the same proof (so a restore repeats the
 * original answer), and the published vectors pin e and s exactly.
 */
public final class Dleq {
    private static final byte[] NONCE_TAG = "Cashu_DLEQ_R_v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_NONCE_TRIES = 256;

    /** A proof: challenge e and response s, each 32 bytes. */
    public record Proof(byte[] e, byte[] s) {}

    private Dleq() {}

    /**
     * Proves that C_ = a·B_ for the a of A = a·G. The caller already has C_ (and A); all points
     * normalized.
     */
    public static Proof prove(BigInteger a, ECPoint publicKey, ECPoint blinded, ECPoint blindSignature) {
        BigInteger r = nonce(a, publicKey, blinded, blindSignature);
        ECPoint[] rs = {FixedBase.mulG(r), blinded.multiply(r)};
        Secp256k1.CURVE.normalizeAll(rs);
        return respond(a, r, challenge(rs[0], rs[1], publicKey, blindSignature));
    }

    /** s = r + e·a mod n, the proof for nonce r and challenge e. */
    public static Proof respond(BigInteger a, BigInteger r, byte[] e) {
        BigInteger s = r.add(new BigInteger(1, e).multiply(a)).mod(Secp256k1.N);
        return new Proof(e, Secp256k1.bytes32(s));
    }

    /**
     * NUT-12's nonce: the first HMAC-SHA256(SHA256(a), "Cashu_DLEQ_R_v1" || A || B_ || C_ || ctr) in
     * [1, n-1], with the points uncompressed (65 bytes each), a as 32 bytes and ctr one byte from 0.
     * The NUT's text says key = a; its published e and s come out only with SHA256(a) as the key and
     * uncompressed points (as cashu-ts derives it), so the vectors decide.
     */
    public static BigInteger nonce(BigInteger a, ECPoint publicKey, ECPoint blinded, ECPoint blindSignature) {
        return new BigInteger(1, nonce(Secp256k1.bytes32(a), publicKey.getEncoded(false), blinded.getEncoded(false), blindSignature.getEncoded(false)));
    }

    /** {@link #nonce(BigInteger, ECPoint, ECPoint, ECPoint)} on encodings: a as 32 bytes, the points as 65 uncompressed bytes; r as 32 bytes. */
    public static byte[] nonce(byte[] a32, byte[] pa, byte[] pb, byte[] pc) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(Hashes.sha256(a32)));
        byte[] out = new byte[32];
        for (int ctr = 0; ctr < MAX_NONCE_TRIES; ctr++) {
            mac.update(NONCE_TAG, 0, NONCE_TAG.length);
            mac.update(pa, 0, pa.length);
            mac.update(pb, 0, pb.length);
            mac.update(pc, 0, pc.length);
            mac.update((byte) ctr);
            mac.doFinal(out, 0);
            if (inRange(out)) return out;
        }
        throw new IllegalStateException("no DLEQ nonce in " + MAX_NONCE_TRIES + " tries"); // odds about 2^-32000
    }

    private static final byte[] N_BYTES = Secp256k1.bytes32(Secp256k1.N);

    /** 0 < v < n for 32 big-endian bytes, without a BigInteger. */
    private static boolean inRange(byte[] v) {
        boolean zero = true;
        for (byte b : v) zero &= b == 0;
        return !zero && Arrays.compareUnsigned(v, N_BYTES) < 0;
    }

    /**
     * True when (e, s) proves that the a of {@code publicKey} = a·G also made
     * {@code blindSignature} = a·{@code blinded}: with R1 = s·G − e·A and R2 = s·B_ − e·C_,
     * e must equal hash(R1, R2, A, C_). False for anything malformed (null, wrong length, ≥ n).
     */
    public static boolean verify(byte[] e, byte[] s, ECPoint publicKey, ECPoint blinded, ECPoint blindSignature) {
        if (e == null || s == null || e.length != 32 || s.length != 32) return false;
        BigInteger ei = new BigInteger(1, e);
        BigInteger si = new BigInteger(1, s);
        if (ei.compareTo(Secp256k1.N) >= 0 || si.compareTo(Secp256k1.N) >= 0) return false;
        ECPoint r1 = Secp256k1.mulG(si).subtract(publicKey.multiply(ei)).normalize();
        ECPoint r2 = blinded.multiply(si).subtract(blindSignature.multiply(ei)).normalize();
        if (r1.isInfinity() || r2.isInfinity()) return false;
        return MessageDigest.isEqual(e, challenge(r1, r2, publicKey, blindSignature));
    }

    /** NUT-12's hash_e: SHA256 of the concatenated lowercase hex of each point, uncompressed. */
    public static byte[] challenge(ECPoint... points) {
        byte[][] encoded = new byte[points.length][];
        for (int i = 0; i < points.length; i++) encoded[i] = points[i].getEncoded(false);
        return challenge(encoded);
    }

    /** hash_e of points given as their 65 uncompressed bytes: the hex is written straight into the hashed bytes. */
    public static byte[] challenge(byte[]... uncompressed) {
        int len = 0;
        for (byte[] p : uncompressed) len += 2 * p.length;
        byte[] hex = new byte[len];
        int at = 0;
        for (byte[] p : uncompressed) {
            for (byte b : p) {
                hex[at++] = HEX_DIGITS[(b >>> 4) & 0x0F];
                hex[at++] = HEX_DIGITS[b & 0x0F];
            }
        }
        return Hashes.sha256(hex);
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
}
