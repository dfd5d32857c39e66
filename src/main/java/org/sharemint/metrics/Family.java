package org.sharemint.metrics;

/** A metric family: its name, HELP and TYPE lines, then the samples a subclass writes. */
abstract class Family implements Metric {
    private final String name;
    private final String help;
    private final String type;

    Family(String name, String help, String type) {
        this.name = name;
        this.help = help;
        this.type = type;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void writeTo(StringBuilder out) {
        Metric.header(out, name, help, type);
        samples(out);
    }

    /** Appends the sample lines. */
    abstract void samples(StringBuilder out);
}
