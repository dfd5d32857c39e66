package org.sharemint.metrics;

/** One named metric that can write itself in the Prometheus text format. */
public interface Metric {
    /** The full name, already prefixed (for example {@code sharemint_shares_pending}). */
    String name();

    /** Appends the HELP and TYPE lines and the samples. */
    void writeTo(StringBuilder out);

    static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
