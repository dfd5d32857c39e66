package org.sharemint.monitor;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of latencies in geometric buckets (each bound 1.25 times the one before, 50 us to past
 * 60 s), so a percentile read from them is within 25 % of the true one. Adding is a binary search
 * and a {@link LongAdder} increment: no lock, no allocation.
 */
final class LatencyBuckets {
    static final long[] BOUNDS_NANOS = bounds();
    private final LongAdder[] counts = new LongAdder[BOUNDS_NANOS.length + 1];

    LatencyBuckets() {
        for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
    }

    private static long[] bounds() {
        long[] b = new long[64];
        double v = 50_000;
        int n = 0;
        while (n < b.length && v < 61e9) {
            b[n++] = (long) v;
            v *= 1.25;
        }
        return Arrays.copyOf(b, n);
    }

    void add(long nanos) {
        int i = Arrays.binarySearch(BOUNDS_NANOS, nanos);
        counts[i >= 0 ? i : -i - 1].increment();
    }

    void clear() {
        for (LongAdder c : counts) c.reset();
    }

    /** Adds this one's counts to {@code into} (same length). */
    void sumInto(long[] into) {
        for (int i = 0; i < counts.length; i++) into[i] += counts[i].sum();
    }

    static long[] empty() {
        return new long[BOUNDS_NANOS.length + 1];
    }

    /**
     * The {@code q}-quantile in milliseconds of summed counts, interpolated inside its bucket;
     * null with no count at all.
     */
    static Double quantileMs(long[] counts, double q) {
        long total = 0;
        for (long c : counts) total += c;
        if (total == 0) return null;
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) continue;
            if (seen + counts[i] >= rank) {
                double lo = i == 0 ? 0 : BOUNDS_NANOS[i - 1];
                double hi = i < BOUNDS_NANOS.length ? BOUNDS_NANOS[i] : lo * 1.25;
                double within = (rank - seen) / counts[i];
                return (lo + (hi - lo) * within) / 1e6;
            }
            seen += counts[i];
        }
        return BOUNDS_NANOS[BOUNDS_NANOS.length - 1] / 1e6;
    }
}
