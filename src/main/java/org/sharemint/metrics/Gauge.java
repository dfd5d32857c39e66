package org.sharemint.metrics;

import java.util.function.LongSupplier;

/** A value read when scraped (an open-connection count, a queue depth). */
public final class Gauge extends Family {
    private final LongSupplier source;

    Gauge(String name, String help, LongSupplier source) {
        super(name, help, "gauge");
        this.source = source;
    }

    public long get() {
        return source.getAsLong();
    }

    @Override
    void samples(StringBuilder out) {
        out.append(name()).append(' ').append(get()).append('\n');
    }
}
