package org.sharemint.mint;

/** The mint's answer to one {@link QuoteRequest}: a durable quote, or a refusal with a code. */
public sealed interface QuoteResult {

    /**
     * A quote committed to the ledger in state PAID.
     *
     * @param quoteId as the mint's HTTP API shows it
     * @param keysetId raw bytes of the active keyset id (8 bytes for v1, 33 for v2)
     */
    record Quote(String quoteId, byte[] keysetId, long amount) implements QuoteResult {}

    /**
     * No quote: {@code duplicate-share}, {@code deadline-passed}, {@code invalid-amount},
     * {@code invalid-locking-key}, {@code invalid-share-hash} (not 32 bytes), {@code unit-not-supported}
     * or {@code mint-unavailable}.
     */
    record Refused(String code) implements QuoteResult {}
}
