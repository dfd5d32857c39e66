package org.sharemint.bench;

import java.util.List;
import java.util.Locale;

/**
 * Draws latency distributions as cumulative curves on a log-x axis, as plain SVG text (no
 * library): one line per series, x = reply latency (decades from 10 us), y = fraction of
 * replies at or below it, dashed guides at p50, p99 and p99.9.
 */
public final class LatencyPlot {
    /** One curve: its legend and its samples. */
    public record Series(String label, LatencyHistogram histogram) {}

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 760, HEIGHT = 440;
    private static final int LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 60;

    private LatencyPlot() {}

    /** The whole SVG document. */
    public static String svg(String title, List<Series> series) {
        long maxNs = 1;
        for (Series s : series) maxNs = Math.max(maxNs, s.histogram().max());
        double lo = 4; // log10(10 us in ns)
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(maxNs)));
        Axis x = new Axis(lo, hi, LEFT, WIDTH - RIGHT);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        b.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        int plotBottom = HEIGHT - BOTTOM;
        // vertical grid: one line per decade, labelled in us / ms / s
        for (int d = (int) lo; d <= hi; d++) {
            double px = x.at(d);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", px, TOP, px, plotBottom));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, plotBottom + 18, decadeLabel(d)));
        }
        // horizontal grid at 0, 0.25 .. 1 and guides at the quantiles the report names
        for (int i = 0; i <= 4; i++) {
            double f = i / 4.0;
            double py = y(f);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, py, WIDTH - RIGHT, py));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", LEFT - 6, py + 4, f));
        }
        for (double q : new double[] {0.99, 0.999}) {
            double py = y(q);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>%n", LEFT, py, WIDTH - RIGHT, py));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#666\">p%s</text>%n", WIDTH - RIGHT - 4, py - 3, q == 0.99 ? "99" : "99.9"));
        }
        b.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, plotBottom - TOP));
        b.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">reply latency (log scale)</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 18));
        b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">fraction of replies</text>%n",
                (TOP + plotBottom) / 2, (TOP + plotBottom) / 2));
        for (int s = 0; s < series.size(); s++) {
            String color = COLORS[s % COLORS.length];
            b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"");
            double prevFraction = 0;
            for (double[] p : series.get(s).histogram().cdf()) {
                double px = x.at(Math.log10(Math.max(1, p[0])));
                // a step: up at this edge from the previous fraction
                b.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", px, y(prevFraction), px, y(p[1])));
                prevFraction = p[1];
            }
            b.append("\"/>\n");
            int ly = TOP + 16 + 18 * s;
            b.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n", LEFT + 10, ly - 4, LEFT + 34, ly - 4, color));
            b.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + 40, ly, escape(series.get(s).label())));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static double y(double fraction) {
        return TOP + (1 - fraction) * (HEIGHT - BOTTOM - TOP);
    }

    private static String decadeLabel(int log10Ns) {
        return switch (log10Ns) {
            case 3 -> "1 us";
            case 4 -> "10 us";
            case 5 -> "100 us";
            case 6 -> "1 ms";
            case 7 -> "10 ms";
            case 8 -> "100 ms";
            case 9 -> "1 s";
            case 10 -> "10 s";
            default -> "1e" + log10Ns + " ns";
        };
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Maps log10(ns) onto pixels, clamped to the plot. */
    private record Axis(double lo, double hi, double from, double to) {
        double at(double log10) {
            double v = Math.max(lo, Math.min(hi, log10));
            return from + (v - lo) / (hi - lo) * (to - from);
        }
    }
}
