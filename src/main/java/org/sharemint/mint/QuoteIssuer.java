package org.sharemint.mint;

import java.util.List;

/**
 * Where the pool's mint worker sends validated shares: the embedded mint, or a remote mint over
 * the mint link. Implementations are called from one worker thread, unless {@link #batchesInFlight()} says more.
 */
public interface QuoteIssuer {
    /**
     * Creates the quotes of a whole batch, durably, in one transaction where the store allows;
     * one bad entry fails only itself. The answer has one result per request, in order.
     */
    List<QuoteResult> createQuotes(List<QuoteRequest> batch);

    /**
     * How many createQuotes calls may run at once, each on its own thread waiting for its own
     * answers: more than 1 for a remote mint, whose link carries several batches in flight. 1 (one
     * call at a time, from the worker thread) for the embedded mint, whose batch is one transaction.
     */
    default int batchesInFlight() {
        return 1;
    }

    /** Whether the mint can be reached now (the pool's /health); the embedded mint always can. */
    default boolean reachable() {
        return true;
    }
}
