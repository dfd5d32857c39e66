package org.sharemint.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counter with one label whose values are fixed when it is made (for example the result of
 * a share), so the hot path is a map lookup and an add, and no peer can grow the label set.
 */
public final class LabeledCounter extends Family {
    private final String label;
    private final Map<String, LongAdder> values = new LinkedHashMap<>();
    private final LongAdder other = new LongAdder();

    LabeledCounter(String name, String help, String label, List<String> labelValues) {
        super(name, help, "counter");
        this.label = label;
        for (String v : labelValues) values.put(v, new LongAdder());
    }

    /** Counts one under {@code labelValue}; a value not declared up front counts as "other". */
    public void inc(String labelValue) {
        LongAdder a = values.get(labelValue);
        (a != null ? a : other).increment();
    }

    public long get(String labelValue) {
        LongAdder a = values.get(labelValue);
        return a != null ? a.sum() : other.sum();
    }

    public long total() {
        long t = other.sum();
        for (LongAdder a : values.values()) t += a.sum();
        return t;
    }

    @Override
    void samples(StringBuilder out) {
        values.forEach((v, a) -> sample(out, v, a.sum()));
        sample(out, "other", other.sum());
    }

    private void sample(StringBuilder out, String value, long n) {
        out.append(name()).append('{').append(label).append("=\"").append(value).append("\"} ").append(n).append('\n');
    }
}
