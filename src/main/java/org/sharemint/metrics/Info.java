package org.sharemint.metrics;

import java.util.Map;
import java.util.TreeMap;

/** A constant 1 whose labels carry facts (a build's version), in name order: {@code name{version="0.1.0"} 1}. */
final class Info extends Family {
    private final String sample;

    Info(String name, String help, Map<String, String> labels) {
        super(name, help, "gauge");
        StringBuilder b = new StringBuilder(name).append('{');
        String sep = "";
        for (Map.Entry<String, String> l : new TreeMap<>(labels).entrySet()) {
            b.append(sep);
            Metric.label(b, l.getKey(), l.getValue());
            sep = ",";
        }
        this.sample = b.append("} 1\n").toString();
    }

    @Override
    void samples(StringBuilder out) {
        out.append(sample);
    }
}
