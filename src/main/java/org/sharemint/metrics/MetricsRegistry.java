package org.sharemint.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The metrics of one process, rendered in the Prometheus text format. Every name gets the
 * registry's prefix. Metrics are registered at start-up; scraping reads them without locks.
 */
public final class MetricsRegistry {
    private final String prefix;
    private final List<Metric> metrics = new CopyOnWriteArrayList<>();
    private final List<MetricsRegistry> included = new CopyOnWriteArrayList<>();

    public MetricsRegistry(String prefix) {
        this.prefix = prefix;
    }

    public Counter counter(String name, String help) {
        return add(new Counter(prefix + name, help));
    }

    public LabeledCounter labeledCounter(String name, String help, String label, List<String> values) {
        return add(new LabeledCounter(prefix + name, help, label, values));
    }

    public Gauge gauge(String name, String help, LongSupplier source) {
        return add(new Gauge(prefix + name, help, source));
    }

    /** A histogram of values in a base unit, exposed multiplied by {@code scale}. */
    public Histogram histogram(String name, String help, long[] bounds, double scale) {
        return add(new Histogram(prefix + name, help, bounds, scale));
    }

    /** Renders {@code other}'s metrics after this registry's own (a part made apart, such as the mint link). */
    public void include(MetricsRegistry other) {
        included.add(other);
    }

    private <M extends Metric> M add(M m) {
        for (Metric existing : metrics) {
            if (existing.name().equals(m.name())) throw new IllegalArgumentException("metric registered twice: " + m.name());
        }
        metrics.add(m);
        return m;
    }

    /** The whole exposition, version 0.0.4 text format. */
    public String render() {
        StringBuilder b = new StringBuilder(4096);
        for (Metric m : metrics) m.writeTo(b);
        for (MetricsRegistry r : included) b.append(r.render());
        return b.toString();
    }
}
