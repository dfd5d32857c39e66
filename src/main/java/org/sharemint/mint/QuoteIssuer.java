package org.sharemint.mint;

import java.util.List;

/**
 * Where the pool's mint worker sends validated shares: the embedded mint, or a remote mint over
 * the mint link. Implementations are called from one worker thread, unless {@link #pipelined()}.
 */
public interface QuoteIssuer {
    /**
     * Creates the quotes of a whole batch, durably, in one transaction where the store allows;
     * one bad entry fails only itself. The answer has one result per request, in order.
     */
    List<QuoteResult> createQuotes(List<QuoteRequest> batch);

    /**
     * Whether several createQuotes calls may run at once, each on its own thread waiting for its
     * own answers: a remote mint, whose link carries many batches in flight. False (one call at a
     * time, from the worker thread) for the embedded mint, whose batch is one transaction.
     */
    default boolean pipelined() {
        return false;
    }

    /** Whether the mint can be reached now (the pool's /health); the embedded mint always can. */
    default boolean reachable() {
        return true;
    }
}
