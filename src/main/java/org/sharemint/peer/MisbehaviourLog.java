package org.sharemint.peer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.sharemint.metrics.LabeledCounter;
import org.sharemint.metrics.MetricsRegistry;
import org.tinylog.Logger;

/**
 * The log of what peers do wrong, made so that it cannot be a DoS target: in each interval the
 * first {@code fullLines} events are logged in full, the rest only counted; the first event of
 * a later interval logs, before itself, one line with the counts by reason that were held back.
 * Every event counts in {@code <prefix>peer_misbehaviour_total{reason=...}} (reasons fixed up
 * front; an undeclared reason counts as "other"). Thread-safe; used by the miner listener and
 * usable by any other listener (the HTTP API).
 */
public final class MisbehaviourLog {
    /** Default: 10 lines in full a minute, then a count. */
    public static final int DEFAULT_FULL_LINES = 10;
    public static final long DEFAULT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final LabeledCounter counts;
    private final String what;
    private final int fullLines;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> held = new LinkedHashMap<>();
    private long intervalStart;
    private int loggedThisInterval;
    private long heldTotal;

    /**
     * @param name the metric's name ({@code peer_misbehaviour_total} for the miner listener)
     * @param what names the listener in the log lines ("miner", "http")
     */
    public MisbehaviourLog(MetricsRegistry registry, String name, String what, List<String> reasons, int fullLines, long intervalNanos,
            LongSupplier nanoTime) {
        this.counts = registry.labeledCounter(name, "peer misbehaviour (" + what + " listener) by reason", "reason", reasons);
        this.what = what;
        this.fullLines = fullLines;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        this.intervalStart = nanoTime.getAsLong();
    }

    /** Counts one event of {@code reason} by {@code peer} and logs it if the interval's budget allows. */
    public void report(String reason, Object peer, String detail) {
        counts.inc(reason);
        String summary = null;
        boolean full;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now - intervalStart >= intervalNanos) {
                if (heldTotal > 0) summary = heldSummary(now);
                held.clear();
                heldTotal = 0;
                loggedThisInterval = 0;
                intervalStart = now;
            }
            full = loggedThisInterval < fullLines;
            if (full) {
                loggedThisInterval++;
            } else {
                held.merge(reason, 1L, Long::sum);
                heldTotal++;
            }
        }
        if (summary != null) Logger.info(summary);
        if (full) Logger.info("{} peer {}: {}: {}", what, peer, reason, detail);
    }

    /** Logs what is held back now (at shutdown), if anything. */
    public void flush() {
        String summary = null;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (heldTotal > 0) summary = heldSummary(now);
            held.clear();
            heldTotal = 0;
            loggedThisInterval = 0;
            intervalStart = now;
        }
        if (summary != null) Logger.info(summary);
    }

    /** How many events of {@code reason} were reported (the metric's value). */
    public long count(String reason) {
        return counts.get(reason);
    }

    private String heldSummary(long now) {
        return String.format("%s peers: %d more misbehaviour events in the last %d s, not logged one by one: %s", what, heldTotal,
                TimeUnit.NANOSECONDS.toSeconds(now - intervalStart), held);
    }
}
