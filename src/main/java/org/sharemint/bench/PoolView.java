package org.sharemint.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The pool's own view of a phase, from two scrapes of its /metrics (Prometheus text): how
 * many shares each mint call carried, how deep the mint queue was at the end, and the mean
 * submit-to-reply time the pool measured itself.
 */
record PoolView(double mintBatchMean, long mintQueueDepth, long sharesPending, double poolReplyMeanSeconds) {
    static final PoolView NONE = new PoolView(Double.NaN, -1, -1, Double.NaN);

    /** The samples of an exposition: "name{labels}" -> value; comments skipped. */
    static Map<String, Double> parse(String exposition) {
        Map<String, Double> m = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            if (space <= 0) continue;
            try {
                m.put(line.substring(0, space).strip(), Double.parseDouble(line.substring(space + 1).strip()));
            } catch (NumberFormatException e) {
                // not a sample line; ignored
            }
        }
        return m;
    }

    /** The view over the interval between {@code before} and {@code after}. */
    static PoolView between(Map<String, Double> before, Map<String, Double> after) {
        double batches = delta(before, after, "sharemint_mint_batch_size_count");
        double shares = delta(before, after, "sharemint_mint_batch_size_sum");
        double replies = delta(before, after, "sharemint_reply_latency_seconds_count");
        double replySeconds = delta(before, after, "sharemint_reply_latency_seconds_sum");
        return new PoolView(batches > 0 ? shares / batches : Double.NaN, after.getOrDefault("sharemint_mint_queue_depth", -1.0).longValue(),
                after.getOrDefault("sharemint_shares_pending", -1.0).longValue(), replies > 0 ? replySeconds / replies : Double.NaN);
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        Double a = after.get(series), b = before.get(series);
        return a == null || b == null ? 0 : a - b;
    }
}
