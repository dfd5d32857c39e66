package org.sharemint.miner;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/** Share difficulty for logs: 0xFFFF * 2^208 / target (wire.md), target read as U256 little-endian. */
final class Difficulty {
    private static final BigDecimal DIFF1 = new BigDecimal(BigInteger.valueOf(0xFFFF).shiftLeft(208));

    private Difficulty() {}

    static String ofTarget(byte[] targetLe) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[i] = targetLe[31 - i];
        BigInteger t = new BigInteger(1, be);
        if (t.signum() == 0) return "infinite";
        return DIFF1.divide(new BigDecimal(t), new MathContext(4)).stripTrailingZeros().toString();
    }
}
