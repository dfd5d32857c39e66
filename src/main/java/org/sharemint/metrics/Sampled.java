package org.sharemint.metrics;

/**
 * A metric family whose samples are read when it is scraped (process and JVM figures from
 * /proc and the MXBeans), with labels as the source needs them.
 */
final class Sampled extends Family {
    /** Writes the samples of one scrape; writes none when the figure is not available. */
    @FunctionalInterface
    interface Source {
        void write(Samples s);
    }

    /** The sample lines of one family. */
    static final class Samples {
        private final StringBuilder out;
        private final String name;

        Samples(StringBuilder out, String name) {
            this.out = out;
            this.name = name;
        }

        void add(double value) {
            out.append(name).append(' ').append(Metric.number(value)).append('\n');
        }

        void add(String label, String labelValue, double value) {
            add("", label, labelValue, value);
        }

        /** A sample of {@code name + suffix} ("_count", "_sum" of a summary). */
        void add(String suffix, String label, String labelValue, double value) {
            out.append(name).append(suffix).append('{');
            Metric.label(out, label, labelValue);
            out.append("} ").append(Metric.number(value)).append('\n');
        }
    }

    private final Source source;

    Sampled(String name, String help, String type, Source source) {
        super(name, help, type);
        this.source = source;
    }

    @Override
    void samples(StringBuilder out) {
        source.write(new Samples(out, name()));
    }
}
