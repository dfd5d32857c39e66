package org.sharemint.metrics;

import java.util.List;
import java.util.Map;
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

    /**
     * The registry of a whole process: {@code <prefix>build_info{version,java} 1} and the standard
     * {@code process_} and {@code jvm_} series (read at scrape time), ready for the application's own.
     *
     * @param build a class of the application: the Implementation-Version of its jar's manifest is
     *     the version shown ("dev" when it runs from classes, as in tests)
     */
    public static MetricsRegistry forProcess(String prefix, Class<?> build) {
        MetricsRegistry r = new MetricsRegistry(prefix);
        String version = build.getPackage() == null ? null : build.getPackage().getImplementationVersion();
        r.info("build_info", "the build of this process", Map.of(
            "version", version == null ? "dev" : version,
            "java", Runtime.version().toString()));
        RuntimeSeries.register(r);
        return r;
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

    /** A counter by two labels whose values are fixed here (anything else counts as "other"). */
    public CounterTable counterTable(String name, String help, String rowLabel, List<String> rows, String columnLabel,
            List<String> columns) {
        return add(new CounterTable(prefix + name, help, rowLabel, rows, columnLabel, columns));
    }

    /** A constant 1 with labels that carry facts (a version). */
    public void info(String name, String help, Map<String, String> labels) {
        add(new Info(prefix + name, help, labels));
    }

    /** Adds a metric under its own name, without the prefix (the standard process_ and jvm_ series). */
    public void register(Metric m) {
        add(m);
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
