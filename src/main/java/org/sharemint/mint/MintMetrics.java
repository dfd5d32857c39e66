package org.sharemint.mint;

import java.util.List;
import org.sharemint.metrics.Counter;
import org.sharemint.metrics.CounterTable;
import org.sharemint.metrics.Histogram;
import org.sharemint.metrics.MetricsRegistry;

/**
 * The mint's series in the registry it is given (the pool's, or the mint command's own): counters
 * only on the quote path (a batch of shares: one pass over its results, one add), no allocation.
 */
final class MintMetrics {
    /** The statuses the HTTP API answers with; anything else would count as "other". */
    static final List<String> STATUSES = List.of("200", "400", "404", "405", "500", "503");

    final Counter quotesCreated;
    final Counter mints;
    final Counter quotesIssued;
    final Counter swaps;
    final Counter proofsSpent;
    final Counter signaturesIssued;
    final Histogram commitLatency;
    private final MetricsRegistry registry;

    MintMetrics(MetricsRegistry registry) {
        this.registry = registry;
        quotesCreated = registry.counter("mint_quotes_created_total", "quotes the mint created for shares");
        mints = registry.counter("mint_mints_total", "mint requests that issued ecash (one per request, batches included)");
        quotesIssued = registry.counter("mint_quotes_issued_total", "quotes redeemed for ecash");
        swaps = registry.counter("mint_swaps_total", "swaps done");
        proofsSpent = registry.counter("mint_proofs_spent_total", "proofs marked spent by swaps");
        signaturesIssued = registry.counter("mint_signatures_issued_total", "blind signatures issued (mints and swaps)");
        commitLatency = registry.histogram("mint_ledger_commit_seconds", "time of one ledger commit (for SQLite: the WAL sync)",
            Histogram.latencyBoundsNanos(), 1e-9);
    }

    /** A mint request that issued ecash: {@code quotes} redeemed for {@code signatures}. */
    void minted(int quotes, int signatures) {
        mints.inc();
        quotesIssued.add(quotes);
        signaturesIssued.add(signatures);
    }

    /** A swap that spent {@code proofs} for {@code signatures}. */
    void swapped(int proofs, int signatures) {
        swaps.inc();
        proofsSpent.add(proofs);
        signaturesIssued.add(signatures);
    }

    /** The HTTP API's request counter: the endpoint label takes the values of {@code routes} (else "other"). */
    CounterTable httpRequests(List<Route> routes) {
        return registry.counterTable("mint_http_requests_total", "Cashu HTTP API requests by endpoint and status",
            "endpoint", routes.stream().map(Route::endpoint).toList(), "status", STATUSES);
    }
}
