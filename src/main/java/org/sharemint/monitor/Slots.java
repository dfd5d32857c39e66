package org.sharemint.monitor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Doubles kept as their bits in a {@code long[]}, added to by compare-and-set: a lock-free add
 * without an object per value (a worker's time buckets are one plain array).
 */
final class Slots {
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private Slots() {}

    static void add(long[] slots, int i, double d) {
        long prev;
        do {
            prev = (long) LONGS.getVolatile(slots, i);
        } while (!LONGS.weakCompareAndSet(slots, i, prev, Double.doubleToRawLongBits(Double.longBitsToDouble(prev) + d)));
    }

    static double get(long[] slots, int i) {
        return Double.longBitsToDouble((long) LONGS.getVolatile(slots, i));
    }

    static void clear(long[] slots, int i) {
        LONGS.setVolatile(slots, i, Double.doubleToRawLongBits(0.0));
    }
}
