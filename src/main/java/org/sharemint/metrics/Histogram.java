package org.sharemint.metrics;

import java.math.BigDecimal;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram with fixed bucket bounds. {@link #observe(long)} finds the bucket by a linear scan
 * of a small array and adds to a {@link LongAdder}: no allocation, no lock. Values are longs in
 * a base unit (nanoseconds, items); {@code scale} converts them to the exposed unit (seconds).
 * The conversion is decimal, not binary floating point, so a bound of 30 s in nanoseconds is
 * {@code le="30"} and not {@code le="30.000000000000004"}.
 */
public final class Histogram extends Family {
    private final long[] bounds;
    /** The {@code le} label of each bound, in the exposed unit (made once, not per scrape). */
    private final String[] labels;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final BigDecimal scale;

    Histogram(String name, String help, long[] bounds, double scale) {
        super(name, help, "histogram");
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) throw new IllegalArgumentException(name + ": bucket bounds must increase");
        }
        this.bounds = bounds.clone();
        // valueOf goes through the double's shortest decimal form: 1e-9 is exactly 0.000000001
        this.scale = BigDecimal.valueOf(scale);
        this.labels = new String[bounds.length];
        for (int i = 0; i < bounds.length; i++) labels[i] = scaled(bounds[i]);
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
    }

    /** Latency bounds in nanoseconds, 100 us to 30 s in 1-2.5-5 steps (shown in seconds with scale 1e-9). */
    public static long[] latencyBoundsNanos() {
        long ms = 1_000_000L;
        return new long[] {100_000L, 250_000L, 500_000L, ms, 2 * ms, 5 * ms, 10 * ms, 25 * ms, 50 * ms, 100 * ms, 250 * ms, 500 * ms,
            1000 * ms, 2500 * ms, 5000 * ms, 10_000 * ms, 30_000 * ms};
    }

    public void observe(long value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                buckets[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(value);
    }

    public long count() {
        return count.sum();
    }

    public long sum() {
        return sum.sum();
    }

    @Override
    void samples(StringBuilder out) {
        // read count first: buckets are cumulative and may only grow past it while we read
        long total = count.sum();
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets[i].sum();
            out.append(name()).append("_bucket{le=\"").append(labels[i]).append("\"} ")
                .append(Math.min(cumulative, total)).append('\n');
        }
        out.append(name()).append("_bucket{le=\"+Inf\"} ").append(total).append('\n');
        out.append(name()).append("_sum ").append(scaled(sum.sum())).append('\n');
        out.append(name()).append("_count ").append(total).append('\n');
    }

    /** {@code value * scale} as a plain decimal number: "30", "0.0001", never an exponent. */
    private String scaled(long value) {
        BigDecimal v = BigDecimal.valueOf(value).multiply(scale);
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
