package org.sharemint.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The pool's own view of a phase, from two scrapes of its /metrics (Prometheus text): how
 * many shares each mint call carried, how deep the mint queue was at the end, and the mean
 * submit-to-reply time the pool measured itself; the mint calls' and ledger commits' count and
 * time (what bounds the ledger's rate); and, in mode (a-pg), the database server's own
 * readings the bench added to the scrapes ({@link BenchPostgres}), as differences, by name.
 */
record PoolView(double mintBatchMean, long mintQueueDepth, long sharesPending, double poolReplyMeanSeconds, double mintCalls, double mintCallSeconds,
        double commits, double commitSeconds, Map<String, Double> database) {
    static final PoolView NONE = new PoolView(Double.NaN, -1, -1, Double.NaN);

    /** A view without the mint's timings or a database server's readings. */
    PoolView(double mintBatchMean, long mintQueueDepth, long sharesPending, double poolReplyMeanSeconds) {
        this(mintBatchMean, mintQueueDepth, sharesPending, poolReplyMeanSeconds, 0, 0, 0, 0, Map.of());
    }

    /** The database server's reading {@code name} over the interval, NaN when not read. */
    double database(String name) {
        return database.getOrDefault(name, Double.NaN);
    }

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
        Map<String, Double> database = new HashMap<>();
        for (String k : after.keySet()) {
            if (k.startsWith("bench_db_") && before.containsKey(k)) database.put(k, after.get(k) - before.get(k));
        }
        return new PoolView(batches > 0 ? shares / batches : Double.NaN, after.getOrDefault("sharemint_mint_queue_depth", -1.0).longValue(),
                after.getOrDefault("sharemint_shares_pending", -1.0).longValue(), replies > 0 ? replySeconds / replies : Double.NaN,
                batches, delta(before, after, "sharemint_mint_batch_seconds_sum"), delta(before, after, "sharemint_mint_ledger_commit_seconds_count"),
                delta(before, after, "sharemint_mint_ledger_commit_seconds_sum"), Map.copyOf(database));
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        Double a = after.get(series), b = before.get(series);
        return a == null || b == null ? 0 : a - b;
    }
}
