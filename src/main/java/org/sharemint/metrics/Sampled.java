package org.sharemint.metrics;

/**
 * A metric family whose samples are read when it is scraped (process and JVM figures from
 * /proc and the MXBeans), with labels as the source needs them.
 */
final class Sampled implements Metric {
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

    private final String name;
    private final String help;
    private final String type;
    private final Source source;

    Sampled(String name, String help, String type, Source source) {
        this.name = name;
        this.help = help;
        this.type = type;
        this.source = source;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void writeTo(StringBuilder out) {
        Metric.header(out, name, help, type);
        source.write(new Samples(out, name));
    }
}
