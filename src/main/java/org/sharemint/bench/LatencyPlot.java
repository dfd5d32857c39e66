package org.sharemint.bench;

import java.util.List;
import java.util.Locale;

/**
 * Draws latency distributions as cumulative curves on a log-x axis, as plain SVG text (no
 * library): one line per series, x = reply latency (decades from 10 us), y = the quantile q
 * of replies at or below it, drawn on a scale of log10(1 / (1 - q)) so that the tail is as
 * visible as the body (gridlines at p0, p90, p99, p99.9, p99.99; the median dashed); the legend sits below.
 */
public final class LatencyPlot {
    /** One curve: its legend and its samples. */
    public record Series(String label, LatencyHistogram histogram) {}

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 760, PLOT_HEIGHT = 440;
    private static final int LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 60;
    /** The top of the y axis: q = 1 - 10^-NINES, i.e. p99.99. */
    private static final double NINES = 4;
    private static final String[] Y_LABELS = {"p0", "p90", "p99", "p99.9", "p99.99"};

    private LatencyPlot() {}

    /** The whole SVG document. */
    public static String svg(String title, List<Series> series) {
        long maxNs = 1;
        for (Series s : series) maxNs = Math.max(maxNs, s.histogram().max());
        double lo = 4; // log10(10 us in ns)
        double hi = Math.max(lo + 1, Math.ceil(Math.log10(maxNs)));
        Axis x = new Axis(lo, hi, LEFT, WIDTH - RIGHT);
        int height = PLOT_HEIGHT + 18 * series.size() + 10;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, height, WIDTH, height));
        b.append(String.format("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        int plotBottom = PLOT_HEIGHT - BOTTOM;
        // vertical grid: one line per decade, labelled in us / ms / s
        for (int d = (int) lo; d <= hi; d++) {
            double px = x.at(d);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", px, TOP, px, plotBottom));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, plotBottom + 18, decadeLabel(d)));
        }
        // horizontal grid at p0, p90, p99, p99.9, p99.99, and a dashed guide at the median
        double median = y(0.5, plotBottom);
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ccc\" stroke-dasharray=\"4 4\"/>%n",
                LEFT, median, WIDTH - RIGHT, median));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">p50</text>%n", LEFT - 6, median + 4));
        for (int i = 0; i <= NINES; i++) {
            double py = TOP + (1 - i / NINES) * (plotBottom - TOP);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n", LEFT, py, WIDTH - RIGHT, py,
                    i == 2 ? "#999" : "#ddd"));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, py + 4, Y_LABELS[i]));
        }
        b.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, plotBottom - TOP));
        b.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">reply latency (log scale)</text>%n", (LEFT + WIDTH - RIGHT) / 2, PLOT_HEIGHT - 18));
        b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">replies at or below (quantile)</text>%n",
                (TOP + plotBottom) / 2, (TOP + plotBottom) / 2));
        for (int s = 0; s < series.size(); s++) {
            String color = COLORS[s % COLORS.length];
            b.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"");
            double prevFraction = 0;
            for (double[] p : series.get(s).histogram().cdf()) {
                double px = x.at(Math.log10(Math.max(1, p[0])));
                // a step: up at this edge from the previous fraction
                b.append(String.format(Locale.ROOT, "%.1f,%.1f %.1f,%.1f ", px, y(prevFraction, plotBottom), px, y(p[1], plotBottom)));
                prevFraction = p[1];
            }
            b.append("\"/>\n");
            int ly = PLOT_HEIGHT + 4 + 18 * s;
            b.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n", LEFT + 10, ly - 4, LEFT + 34, ly - 4, color));
            b.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + 40, ly, escape(series.get(s).label())));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    /** The pixel row of quantile q: log10(1 / (1 - q)) from 0 (bottom) to NINES (top), clamped. */
    private static double y(double fraction, int plotBottom) {
        double nines = fraction >= 1 ? NINES : Math.min(NINES, -Math.log10(1 - fraction));
        return plotBottom - nines / NINES * (plotBottom - TOP);
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
