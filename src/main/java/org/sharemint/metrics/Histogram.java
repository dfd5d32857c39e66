package org.sharemint.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram with fixed bucket bounds. {@link #observe(long)} finds the bucket by a linear scan
 * of a small array and adds to a {@link LongAdder}: no allocation, no lock. Values are longs in
 * a base unit (nanoseconds, items); {@code scale} converts them to the exposed unit (seconds).
 */
public final class Histogram implements Metric {
    private final String name;
    private final String help;
    private final long[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final double scale;

    Histogram(String name, String help, long[] bounds, double scale) {
        for (int i = 1; i < bounds.length; i++) {
            if (bounds[i] <= bounds[i - 1]) throw new IllegalArgumentException(name + ": bucket bounds must increase");
        }
        this.name = name;
        this.help = help;
        this.bounds = bounds.clone();
        this.scale = scale;
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
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
    public String name() {
        return name;
    }

    @Override
    public void writeTo(StringBuilder out) {
        Metric.header(out, name, help, "histogram");
        // read count first: buckets are cumulative and may only grow past it while we read
        long total = count.sum();
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += buckets[i].sum();
            out.append(name).append("_bucket{le=\"").append(format(bounds[i] * scale)).append("\"} ")
                .append(Math.min(cumulative, total)).append('\n');
        }
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(total).append('\n');
        out.append(name).append("_sum ").append(format(sum.sum() * scale)).append('\n');
        out.append(name).append("_count ").append(total).append('\n');
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
