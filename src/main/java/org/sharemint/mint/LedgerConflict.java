package org.sharemint.mint;

/**
 * A write the ledger refused because of what it already holds (a quote not PAID, a Y spent, a B_
 * signed); nothing of that transaction was written. The mint turns it into a Cashu error
 * ({@link CashuException#of(LedgerConflict)}).
 */
final class LedgerConflict extends Exception {
    enum Kind {
        QUOTE_NOT_FOUND,
        QUOTE_NOT_PAID,
        QUOTE_ALREADY_ISSUED,
        /** PAID when read again after the update missed it: another request is minting it. */
        QUOTE_CHANGED,
        PROOF_ALREADY_SPENT,
        OUTPUT_ALREADY_SIGNED
    }

    private final Kind kind;

    LedgerConflict(Kind kind, String detail) {
        super(detail, null, false, false); // a refusal, not a fault: no stack trace to fill
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
