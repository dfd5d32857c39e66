package org.sharemint.metrics;

import java.util.function.LongSupplier;

/** A value read when scraped (an open-connection count, a queue depth). */
public final class Gauge implements Metric {
    private final String name;
    private final String help;
    private final LongSupplier source;

    Gauge(String name, String help, LongSupplier source) {
        this.name = name;
        this.help = help;
        this.source = source;
    }

    public long get() {
        return source.getAsLong();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(StringBuilder out) {
        Metric.header(out, name, help, "gauge");
        out.append(name).append(' ').append(get()).append('\n');
    }
}
