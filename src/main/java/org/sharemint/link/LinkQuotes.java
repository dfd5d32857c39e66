package org.sharemint.link;

import java.io.IOException;
import java.util.List;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;

/**
 * One quote from a mint over its link, for callers that do not deal in the mint's types (the
 * bench's swap load, which may not import the mint package): the quote id, or an IOException
 * with the mint's refusal.
 */
public final class LinkQuotes {
    private LinkQuotes() {}

    /** A quote of {@code amount} (a power of two) in unit {@code hash}, locked to {@code lockingKey} (33 bytes compressed). */
    public static String quote(RemoteMint mint, byte[] shareHash, long amount, byte[] lockingKey, long deadlineUnixMs) throws IOException {
        QuoteResult r = mint.createQuotes(List.of(new QuoteRequest(shareHash, amount, "hash", lockingKey, deadlineUnixMs))).get(0);
        if (r instanceof QuoteResult.Quote q) return q.quoteId();
        throw new IOException("the mint refused a quote: " + r);
    }
}
