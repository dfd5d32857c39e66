package org.sharemint.bitcoin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * 256-bit target arithmetic. On the wire a target or a hash is a U256: 32 bytes of a
 * little-endian integer. Hot-path operations ({@link #meets}, {@link #leadingZeroBits}) work
 * on those bytes directly; the rest (per channel open or retarget) uses BigInteger.
 */
public final class Targets {
    /** 2^256 - 1, the easiest target there is. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    /** The difficulty-1 target: 0xFFFF * 2^208. */
    public static final BigInteger DIFF1 = BigInteger.valueOf(0xFFFF).shiftLeft(208);
    private static final BigDecimal DIFF1_DEC = new BigDecimal(DIFF1);
    private static final BigDecimal TWO_256 = new BigDecimal(BigInteger.ONE.shiftLeft(256));

    private Targets() {}

    /** Whether {@code hash <= target}, both as 32-byte little-endian integers. */
    public static boolean meets(byte[] hash, byte[] target) {
        for (int i = 31; i >= 0; i--) {
            int h = hash[i] & 0xFF, t = target[i] & 0xFF;
            if (h != t) return h < t;
        }
        return true;
    }

    /**
     * Leading zero bits of the hash read as a big-endian number of its reversed bytes, that is
     * of the little-endian integer: counted from byte 31 down.
     */
    public static int leadingZeroBits(byte[] hash) {
        for (int i = 31; i >= 0; i--) {
            int b = hash[i] & 0xFF;
            if (b != 0) return (31 - i) * 8 + Integer.numberOfLeadingZeros(b) - 24;
        }
        return 256;
    }

    /** The little-endian U256 bytes as a non-negative integer. */
    public static BigInteger toBig(byte[] le) {
        if (le.length != 32) throw new IllegalArgumentException("U256 needs 32 bytes, got " + le.length);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[i] = le[31 - i];
        return new BigInteger(1, be);
    }

    /** {@code v} (clamped to [0, 2^256-1]) as 32 little-endian bytes. */
    public static byte[] toLe(BigInteger v) {
        if (v.signum() < 0) v = BigInteger.ZERO;
        if (v.compareTo(MAX) > 0) v = MAX;
        byte[] be = v.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) le[i] = be[be.length - 1 - i];
        return le;
    }

    /** diff1 / target, as a double (a target of 0 has infinite difficulty). */
    public static double difficulty(BigInteger target) {
        if (target.signum() <= 0) return Double.POSITIVE_INFINITY;
        return DIFF1_DEC.divide(new BigDecimal(target), MathContext.DECIMAL64).doubleValue();
    }

    /** diff1 / target to four significant digits, for logs ("infinite" for a zero target). */
    public static String difficultyText(byte[] targetLe) {
        BigInteger t = toBig(targetLe);
        if (t.signum() == 0) return "infinite";
        return DIFF1_DEC.divide(new BigDecimal(t), new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The target of difficulty {@code d} (> 0): diff1 / d, at most 2^256-1. */
    public static BigInteger forDifficulty(double d) {
        if (!(d > 0) || Double.isInfinite(d)) throw new IllegalArgumentException("difficulty must be positive and finite: " + d);
        BigInteger t = DIFF1_DEC.divide(new BigDecimal(d), 0, RoundingMode.DOWN).toBigInteger();
        return t.min(MAX).max(BigInteger.ONE);
    }

    /**
     * The target at which a miner of {@code hashRate} H/s finds {@code sharesPerMinute} shares a
     * minute: 2^256 / (h * 60 / r), at most 2^256-1. A rate of 0 (unknown) gives 2^256-1: the
     * caller then applies its ceilings.
     */
    public static BigInteger forHashRate(double hashRate, int sharesPerMinute) {
        double hashesPerShare = hashRate * 60.0 / sharesPerMinute;
        if (!(hashesPerShare > 1)) return MAX;
        return TWO_256.divide(new BigDecimal(hashesPerShare), 0, RoundingMode.DOWN).toBigInteger().min(MAX).max(BigInteger.ONE);
    }

    /** The target encoded by a block header's nbits (compact form). */
    public static BigInteger fromCompact(int nbits) {
        int exponent = nbits >>> 24;
        BigInteger mantissa = BigInteger.valueOf(nbits & 0x007FFFFF);
        return exponent <= 3 ? mantissa.shiftRight(8 * (3 - exponent)) : mantissa.shiftLeft(8 * (exponent - 3));
    }
}
