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

    /** {@code name="value"} with the value escaped as the text format wants (\\, \", \n). */
    static void label(StringBuilder out, String name, String value) {
        out.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /** A sample value as a plain decimal: "12", not "12.0"; "1796410602.123", not "1.796410602123E9". */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        return java.math.BigDecimal.valueOf(v).toPlainString();
    }
}
