package org.sharemint.bench;

/**
 * A fixed log-linear histogram of latencies in nanoseconds: every power of two is split into
 * {@value #SUB_BUCKETS} equal buckets, so a recorded value is known to within 1/32 (about 3%)
 * from 1 ns to Long.MAX_VALUE, in one {@code long[]} of {@value #BUCKETS} counts.
 * {@link #record} only increments a counter: no allocation per sample.
 *
 * <p>Not thread-safe: each load connection owns one and the run merges them at the end.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    /** Values below 2 * SUB_BUCKETS get a bucket each; above, shift * 32 + (v >> shift). */
    static final int BUCKETS = (62 - SUB_BITS) * SUB_BUCKETS + 2 * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    /** Counts one sample; a negative value counts as 0. */
    public void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        if (v > max) max = v;
    }

    /** Adds every sample of {@code other} to this one. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) counts[i] += other.counts[i];
        total += other.total;
        max = Math.max(max, other.max);
    }

    public long count() {
        return total;
    }

    /** The largest value recorded (exact), 0 when empty. */
    public long max() {
        return max;
    }

    /**
     * The value at quantile {@code q} (0..1): the upper edge of the bucket holding the sample of
     * rank ceil(q * count), never above the largest value recorded; 0 when empty.
     */
    public long quantile(double q) {
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(upperEdge(i), max);
        }
        return max;
    }

    /** The mean, from bucket midpoints (within the buckets' 3%). */
    public double mean() {
        if (total == 0) return 0;
        double sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) sum += counts[i] * ((lowerEdge(i) + (double) upperEdge(i)) / 2);
        }
        return sum / total;
    }

    /**
     * The cumulative distribution at each non-empty bucket: pairs (upper edge in ns, fraction of
     * samples at or below it), in increasing order; what the latency plot draws.
     */
    public double[][] cdf() {
        int n = 0;
        for (long c : counts) if (c != 0) n++;
        double[][] points = new double[n][];
        long seen = 0;
        int k = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] == 0) continue;
            seen += counts[i];
            points[k++] = new double[] {Math.min(upperEdge(i), max), (double) seen / total};
        }
        return points;
    }

    static int index(long v) {
        if (v < 2 * SUB_BUCKETS) return (int) v;
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS; // >= 1 here
        return shift * SUB_BUCKETS + (int) (v >>> shift);
    }

    /** The smallest value that lands in bucket {@code i}. */
    static long lowerEdge(int i) {
        if (i < 2 * SUB_BUCKETS) return i;
        int shift = i / SUB_BUCKETS - 1;
        long sub = i % SUB_BUCKETS + SUB_BUCKETS;
        return sub << shift;
    }

    /** The largest value that lands in bucket {@code i}. */
    static long upperEdge(int i) {
        return i == BUCKETS - 1 ? Long.MAX_VALUE : lowerEdge(i + 1) - 1;
    }
}
