package org.sharemint.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count; {@link #inc()} is contention-free and allocates nothing. */
public final class Counter extends Family {
    private final LongAdder value = new LongAdder();

    Counter(String name, String help) {
        super(name, help, "counter");
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
    void samples(StringBuilder out) {
        out.append(name()).append(' ').append(get()).append('\n');
    }
}
