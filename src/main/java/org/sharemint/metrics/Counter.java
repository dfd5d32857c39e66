package org.sharemint.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count; {@link #inc()} is contention-free and allocates nothing. */
public final class Counter implements Metric {
    private final String name;
    private final String help;
    private final LongAdder value = new LongAdder();

    Counter(String name, String help) {
        this.name = name;
        this.help = help;
    }

    public void inc() {
        value.increment();
    }

    public void add(long n) {
        value.add(n);
    }

    public long get() {
        return value.sum();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(StringBuilder out) {
        Metric.header(out, name, help, "counter");
        out.append(name).append(' ').append(get()).append('\n');
    }
}
