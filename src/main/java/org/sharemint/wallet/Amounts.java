package org.sharemint.wallet;

import java.util.ArrayList;
import java.util.List;

/** Amounts in the keysets' denominations: powers of two. */
final class Amounts {
    private Amounts() {}

    /** The powers of two that sum to {@code amount} (> 0, below 2^63), ascending: one output each. */
    static List<Long> split(long amount) {
        if (amount < 0) throw new IllegalArgumentException("amount must not be negative: " + amount);
        List<Long> parts = new ArrayList<>(Long.bitCount(amount));
        for (int bit = 0; bit < 63; bit++) {
            if ((amount & (1L << bit)) != 0) parts.add(1L << bit);
        }
        return parts;
    }

    static boolean isPowerOfTwo(long amount) {
        return amount > 0 && Long.bitCount(amount) == 1;
    }
}
