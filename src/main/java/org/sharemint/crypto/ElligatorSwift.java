package org.sharemint.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * BIP324 ElligatorSwift: 64-byte encodings of secp256k1 x coordinates that look like uniform
 * random bytes, and the x-only ECDH defined over them. Field arithmetic is BouncyCastle's
 * (secp256k1 custom field elements). Nothing here is constant time: decoding works on public
 * data, and encoding on a public key.
 */
public final class ElligatorSwift {
    /** Length of an encoding: u (32 bytes) then t (32 bytes), both big-endian. */
    public static final int BYTES = 64;
    /** The BIP324 tag of the x-only ECDH hash. */
    public static final String ECDH_TAG = "bip324_ellswift_xonly_ecdh";

    private static final ECFieldElement ONE = fe(BigInteger.ONE);
    private static final ECFieldElement THREE = fe(BigInteger.valueOf(3));
    private static final ECFieldElement SEVEN = fe(BigInteger.valueOf(7));
    /** 1/2 mod p. */
    private static final ECFieldElement HALF = fe(Secp256k1.P.add(BigInteger.ONE).shiftRight(1));
    /** c = sqrt(-3) mod p, the root that is itself a square (BIP324). */
    private static final ECFieldElement C = fe(new BigInteger("a2d2ba93507f1df233770c2a797962cc61f6d15da14ecd47d8d27ae1cd5f852", 16));
    /** (1 - c)/2 and (1 + c)/2, used by every inverse case. */
    private static final ECFieldElement ONE_MINUS_C_HALF = ONE.subtract(C).multiply(HALF);
    private static final ECFieldElement ONE_PLUS_C_HALF = ONE.add(C).multiply(HALF);

    private ElligatorSwift() {}

    /** XSwiftEC: the x coordinate (32 bytes) that a 64-byte encoding stands for. Every input decodes. */
    public static byte[] decode(byte[] encoding) {
        return decodePoint(encoding).getAffineXCoord().getEncoded();
    }

    /**
     * The affine point with x = XSwiftEC(u, t) and one of its two y (which one does not matter to
     * x-only ECDH). The square root that proves x is on the curve gives y for free.
     */
    public static ECPoint decodePoint(byte[] encoding) {
        if (encoding.length != BYTES) throw new IllegalArgumentException("ElligatorSwift encoding must be 64 bytes, got " + encoding.length);
        ECFieldElement u = fieldMod(encoding, 0);
        ECFieldElement t = fieldMod(encoding, 32);
        if (u.isZero()) u = ONE;
        if (t.isZero()) t = ONE;
        ECFieldElement g = u.square().multiply(u).add(SEVEN); // u^3 + 7
        ECFieldElement t2 = t.square();
        if (g.add(t2).isZero()) {
            t = t.add(t);
            t2 = t.square();
        }
        // With n = u^3+7-t^2 and d = u^3+7+t^2 (never zero after the remap above), BIP324's
        // X = n/(2t), Y = (X+t)/(cu) give 4Y^2 = -d^2/(3t^2u^2) and X/Y = ncu/d: one inversion.
        ECFieldElement n = g.subtract(t2);
        ECFieldElement d = g.add(t2);
        ECFieldElement u2 = u.square();
        ECFieldElement den1 = THREE.multiply(t2).multiply(u2);
        ECFieldElement inv = den1.multiply(d).invert();
        ECFieldElement invDen1 = inv.multiply(d);
        ECFieldElement invD = inv.multiply(den1);
        ECFieldElement x1 = u.subtract(d.square().multiply(invDen1));
        ECPoint p = lift(x1);
        if (p != null) return p;
        ECFieldElement xOverY = n.multiply(C).multiply(u).multiply(invD);
        ECFieldElement x2 = xOverY.negate().subtract(u).multiply(HALF);
        p = lift(x2);
        if (p != null) return p;
        ECFieldElement x3 = xOverY.subtract(u).multiply(HALF);
        p = lift(x3);
        if (p == null) throw new IllegalStateException("XSwiftEC found no x on the curve"); // impossible by construction
        return p;
    }

    /**
     * XSwiftECInv(x, u, case): a t with XSwiftEC(u, t) = x, or null when this case has none.
     *
     * @param x the x coordinate to encode, a field element
     * @param u a field element (BIP324 takes it nonzero and random)
     * @param c the case, 0..7
     */
    public static ECFieldElement inverse(ECFieldElement x, ECFieldElement u, int c) {
        ECFieldElement u2 = u.square();
        ECFieldElement g = u2.multiply(u).add(SEVEN); // u^3 + 7
        ECFieldElement v;
        ECFieldElement s;
        ECFieldElement w = null;
        if ((c & 2) == 0) {
            if (isValidX(x.negate().subtract(u))) return null;
            v = x;
            ECFieldElement q = u2.add(u.multiply(v)).add(v.square());
            if (q.isZero()) return null;
            s = g.negate().multiply(q.invert());
        } else {
            s = x.subtract(u);
            if (s.isZero()) return null;
            // r = sqrt(-s(4(u^3+7) + 3u^2 s))
            ECFieldElement four = g.add(g);
            four = four.add(four);
            ECFieldElement r = s.negate().multiply(four.add(THREE.multiply(u2).multiply(s))).sqrt();
            if (r == null) return null;
            if ((c & 1) == 1 && r.isZero()) return null;
            // s must be a square (w below) for any t: test that before paying for the inversion
            w = s.sqrt();
            if (w == null) return null;
            v = r.multiply(s.invert()).subtract(u).multiply(HALF);
        }
        if (w == null) {
            w = s.sqrt();
            if (w == null) return null;
        }
        return switch (c & 5) {
            case 0 -> w.negate().multiply(u.multiply(ONE_MINUS_C_HALF).add(v));
            case 1 -> w.multiply(u.multiply(ONE_PLUS_C_HALF).add(v));
            case 4 -> w.multiply(u.multiply(ONE_MINUS_C_HALF).add(v));
            default -> w.negate().multiply(u.multiply(ONE_PLUS_C_HALF).add(v));
        };
    }

    /** XElligatorSwift: a uniformly sampled 64-byte encoding of the x coordinate of {@code p}. */
    public static byte[] encode(ECPoint p, SecureRandom random) {
        ECFieldElement x = p.normalize().getAffineXCoord();
        byte[] buf = new byte[33];
        while (true) {
            random.nextBytes(buf);
            BigInteger ui = new BigInteger(1, java.util.Arrays.copyOf(buf, 32));
            if (ui.signum() == 0 || ui.compareTo(Secp256k1.P) >= 0) continue;
            ECFieldElement u = fe(ui);
            ECFieldElement t = inverse(x, u, buf[32] & 7);
            if (t == null) continue;
            byte[] out = new byte[BYTES];
            u.encodeTo(out, 0);
            t.encodeTo(out, 32);
            return out;
        }
    }

    /** The x coordinate (32 bytes) of secret·P, where P is what {@code theirs} encodes. */
    public static byte[] xOnlyEcdh(byte[] theirs, BigInteger secret) {
        return xOnlyEcdh(decodePoint(theirs), secret);
    }

    /** The x coordinate (32 bytes) of secret·P for an already decoded P (its precomputation is kept). */
    public static byte[] xOnlyEcdh(ECPoint theirs, BigInteger secret) {
        ECPoint r = theirs.multiply(secret).normalize();
        if (r.isInfinity()) throw new IllegalArgumentException("secret key out of range");
        return r.getAffineXCoord().getEncoded();
    }

    /**
     * The x coordinates of first·P and second·P (the Noise responder's ee and es on the
     * initiator's ephemeral key): the second multiplication reuses the first's precomputed
     * multiples of P, and both results share one field inversion.
     */
    public static byte[][] xOnlyEcdh(ECPoint theirs, BigInteger first, BigInteger second) {
        ECPoint[] r = {theirs.multiply(first), theirs.multiply(second)};
        if (r[0].isInfinity() || r[1].isInfinity()) throw new IllegalArgumentException("secret key out of range");
        Secp256k1.CURVE.normalizeAll(r);
        return new byte[][] {r[0].getAffineXCoord().getEncoded(), r[1].getAffineXCoord().getEncoded()};
    }

    /**
     * BIP324's v2_ecdh: SHA256-tagged {@value #ECDH_TAG} over the initiator's encoding, the
     * responder's encoding and the shared x.
     */
    public static byte[] sharedSecret(byte[] initiatorEncoding, byte[] responderEncoding, byte[] sharedX) {
        return Hashes.tagged(ECDH_TAG, initiatorEncoding, responderEncoding, sharedX);
    }

    /** True when x^3 + 7 is a square, i.e. x is the x coordinate of a curve point. */
    static boolean isValidX(ECFieldElement x) {
        return x.square().multiply(x).add(SEVEN).sqrt() != null;
    }

    private static ECPoint lift(ECFieldElement x) {
        ECFieldElement y = x.square().multiply(x).add(SEVEN).sqrt();
        if (y == null) return null;
        return Secp256k1.CURVE.createPoint(x.toBigInteger(), y.toBigInteger());
    }

    private static ECFieldElement fieldMod(byte[] b, int off) {
        BigInteger v = new BigInteger(1, java.util.Arrays.copyOfRange(b, off, off + 32));
        return fe(v.compareTo(Secp256k1.P) >= 0 ? v.subtract(Secp256k1.P) : v);
    }

    /** A field element from a value already in [0, p). */
    public static ECFieldElement fe(BigInteger v) {
        return Secp256k1.CURVE.fromBigInteger(v);
    }
}
