package org.sharemint.link;

import java.util.List;
import java.util.function.LongSupplier;
import org.sharemint.metrics.Counter;
import org.sharemint.metrics.Histogram;
import org.sharemint.metrics.LabeledCounter;
import org.sharemint.metrics.MetricsRegistry;

/**
 * The mint link's metrics, the same names on both sides ({@code <prefix>mint_link_...}): links
 * up, reconnects (pool) or links accepted (mint), requests in flight, the round-trip histogram
 * (pool: request written to answer read; mint: request read to answer queued) and answers by code.
 */
final class LinkMetrics {
    /** Every answer code either side knows, so the label set is fixed; anything else counts as "other". */
    static final List<String> CODES = List.of("quote", "duplicate-share", "deadline-passed", "invalid-amount", "invalid-locking-key",
        "invalid-share-hash", "unit-not-supported", "mint-unavailable", "mint-timeout");
    private static final long MS = 1_000_000L;
    private static final long[] ROUND_TRIP_NS = {
        100_000L, 250_000L, 500_000L, MS, 2 * MS, 5 * MS, 10 * MS, 25 * MS, 50 * MS, 100 * MS, 250 * MS, 500 * MS,
        1000 * MS, 2500 * MS, 5000 * MS, 10_000 * MS};

    final Counter linkChanges;
    final Counter badInput;
    final Histogram roundTrip;
    final LabeledCounter answers;

    private LinkMetrics(MetricsRegistry r, boolean pool, LongSupplier up, LongSupplier inFlight) {
        r.gauge("mint_link_up", pool ? "1 while the link to the mint is up, else 0" : "pool links open", up);
        linkChanges = pool
            ? r.counter("mint_link_reconnects_total", "links to the mint made again after one was lost")
            : r.counter("mint_link_accepted_total", "pool links accepted");
        badInput = r.counter("mint_link_bad_input_total", "links closed because the peer broke the link's protocol");
        r.gauge("mint_link_in_flight", "quote requests sent or received and not yet answered", inFlight);
        roundTrip = r.histogram("mint_link_round_trip_seconds",
            pool ? "quote request written to its answer read" : "quote request read to its answer queued", ROUND_TRIP_NS, 1e-9);
        answers = r.labeledCounter("mint_link_answers_total",
            pool ? "answers by code: quote, the mint's error code, or mint-unavailable / mint-timeout from the pool's side" : "answers by code",
            "code", CODES);
    }

    /** The pool's side: {@code up} is 1 while the link is up. */
    static LinkMetrics pool(MetricsRegistry r, LongSupplier up, LongSupplier inFlight) {
        return new LinkMetrics(r, true, up, inFlight);
    }

    /** The mint's side: {@code up} counts the pool links open. */
    static LinkMetrics mint(MetricsRegistry r, LongSupplier up, LongSupplier inFlight) {
        return new LinkMetrics(r, false, up, inFlight);
    }
}
