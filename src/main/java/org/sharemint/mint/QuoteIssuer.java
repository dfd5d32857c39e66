package org.sharemint.mint;

import java.util.List;

/**
 * Where the pool's mint worker sends validated shares: the embedded mint, or a remote mint over
 * the mint link. Implementations are called from one worker thread.
 */
public interface QuoteIssuer {
    /**
     * Creates the quotes of a whole batch, durably, in one transaction where the store allows;
     * one bad entry fails only itself. The answer has one result per request, in order.
     */
    List<QuoteResult> createQuotes(List<QuoteRequest> batch);
}
