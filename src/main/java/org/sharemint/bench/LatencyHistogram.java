package org.sharemint.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latencies in nanoseconds, recorded in an HdrHistogram (3 significant digits: a value is
 * known to within 0.1%, from 1 ns up, resizing as larger values come). {@link #record} only
 * increments a counter; the bench's own API stays so its callers need not know the library.
 *
 * <p>Not thread-safe: each load connection or receiver owns one and the run merges them.
 */
public final class LatencyHistogram {
    private static final int SIGNIFICANT_DIGITS = 3;
    private final Histogram h = new Histogram(SIGNIFICANT_DIGITS);

    /** Counts one sample; a negative value counts as 0. */
    public void record(long nanos) {
        h.recordValue(Math.max(0, nanos));
    }

    /** Adds every sample of {@code other} to this one. */
    public void add(LatencyHistogram other) {
        h.add(other.h);
    }

    public long count() {
        return h.getTotalCount();
    }

    /** The largest value recorded (to the histogram's precision), 0 when empty. */
    public long max() {
        return h.getTotalCount() == 0 ? 0 : h.getMaxValue();
    }

    /**
     * The value at quantile {@code q} (0..1): the sample of rank ceil(q * count), to within the
     * histogram's precision (HdrHistogram reports the highest value equivalent to it); 0 when empty.
     */
    public long quantile(double q) {
        if (h.getTotalCount() == 0) return 0;
        return Math.min(h.getValueAtPercentile(100 * q), max());
    }

    public double mean() {
        return h.getTotalCount() == 0 ? 0 : h.getMean();
    }

    /**
     * The cumulative distribution at each recorded value: pairs (value in ns, fraction of
     * samples at or below it), in increasing order; what the latency plot draws.
     */
    public double[][] cdf() {
        long total = h.getTotalCount();
        java.util.List<double[]> points = new java.util.ArrayList<>();
        long seen = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            points.add(new double[] {Math.min(v.getValueIteratedTo(), max()), (double) seen / total});
        }
        return points.toArray(new double[0][]);
    }

    /** The library's histogram itself (a copy), for its own output formats. */
    public Histogram hdr() {
        return h.copy();
    }
}
