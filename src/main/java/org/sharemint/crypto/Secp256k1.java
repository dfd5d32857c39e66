package org.sharemint.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/** secp256k1 through BouncyCastle: the curve, its order, point and scalar parsing. */
public final class Secp256k1 {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    public static final ECCurve CURVE = PARAMS.getCurve();
    public static final ECPoint G = PARAMS.getG();
    public static final BigInteger N = PARAMS.getN();
    /** The field prime p. */
    public static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

    private Secp256k1() {}

    /** k·G, using precomputation for the fixed base. */
    public static ECPoint mulG(BigInteger k) {
        return BASE_MULTIPLIER.multiply(G, k).normalize();
    }

    /**
     * Decodes a 33-byte compressed (or 65-byte uncompressed) SEC1 point.
     *
     * @throws CryptoException when the bytes are not a point on the curve, or are infinity
     */
    public static ECPoint decodePoint(byte[] encoded) throws CryptoException {
        if (encoded == null || (encoded.length != 33 && encoded.length != 65)) {
            throw new CryptoException("point must be 33 bytes (compressed), got " + (encoded == null ? 0 : encoded.length));
        }
        if (encoded.length == 33 && encoded[0] != 2 && encoded[0] != 3) {
            throw new CryptoException("compressed point must start with 02 or 03");
        }
        if (NativeSecp.available()) {
            // libsecp256k1's square root is about 3x BouncyCastle's; it checks the point, so the coordinates are taken as they are
            byte[] u = NativeSecp.parse(encoded);
            if (u == null) throw new CryptoException("point is not on secp256k1");
            return CURVE.createPoint(new BigInteger(1, Arrays.copyOfRange(u, 1, 33)), new BigInteger(1, Arrays.copyOfRange(u, 33, 65)));
        }
        try {
            ECPoint p = CURVE.decodePoint(encoded);
            if (p.isInfinity() || !p.isValid()) throw new CryptoException("point is not on secp256k1");
            return p.normalize();
        } catch (IllegalArgumentException e) {
            throw new CryptoException("point is not on secp256k1");
        }
    }

    /** Lifts an x-only coordinate to the point with even y (BIP340). */
    public static ECPoint liftX(byte[] x32) throws CryptoException {
        if (x32.length != 32) throw new CryptoException("x-only key must be 32 bytes");
        byte[] c = new byte[33];
        c[0] = 2;
        System.arraycopy(x32, 0, c, 1, 32);
        return decodePoint(c);
    }

    public static byte[] compressed(ECPoint p) {
        return p.getEncoded(true);
    }

    /** The 32-byte x coordinate of a normalized point. */
    public static byte[] xOnly(ECPoint p) {
        return p.normalize().getAffineXCoord().getEncoded();
    }

    public static boolean hasEvenY(ECPoint p) {
        return !p.normalize().getAffineYCoord().toBigInteger().testBit(0);
    }

    /** A scalar from 32 big-endian bytes, required to be in [1, n-1]. */
    public static BigInteger scalar(byte[] b32) throws CryptoException {
        if (b32.length != 32) throw new CryptoException("scalar must be 32 bytes");
        BigInteger k = new BigInteger(1, b32);
        if (k.signum() == 0 || k.compareTo(N) >= 0) throw new CryptoException("scalar out of range [1, n-1]");
        return k;
    }

    /** 32 big-endian bytes of a value below 2^256. */
    public static byte[] bytes32(BigInteger v) {
        return BigIntegers.asUnsignedByteArray(32, v);
    }

    /** A uniformly random scalar in [1, n-1]. */
    public static BigInteger randomScalar(SecureRandom random) {
        byte[] b = new byte[32];
        while (true) {
            random.nextBytes(b);
            BigInteger k = new BigInteger(1, b);
            if (k.signum() > 0 && k.compareTo(N) < 0) return k;
        }
    }
}
