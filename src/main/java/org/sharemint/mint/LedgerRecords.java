package org.sharemint.mint;

/** The rows of the ledger's tables, as the ledger reads and writes them (hex strings for keys and points). */
final class LedgerRecords {
    private LedgerRecords() {}

    /** A keyset's public facts; its keys are derived again from the seed at start. */
    /** A keyset row; {@code finalExpiry} is NUT-02's final_expiry in unix seconds, null for none. */
    record KeysetRow(String id, String unit, boolean active, int inputFeePpk, int derivationIndex, int idVersion, long createdAtMs, Long finalExpiry) {
        KeysetRow(String id, String unit, boolean active, int inputFeePpk, int derivationIndex, int idVersion, long createdAtMs) {
            this(id, unit, active, inputFeePpk, derivationIndex, idVersion, createdAtMs, null);
        }
    }

    /**
     * A mint quote created for one share.
     *
     * @param amount unsigned 64-bit amount (2^63 is stored as its raw bits)
     * @param shareHash SHA256d of the share, internal byte order, hex
     * @param pubkey NUT-20 locking key, compressed, hex
     */
    record QuoteRow(String id, String shareHash, long amount, String unit, String pubkey, QuoteState state,
                    String keysetId, long createdAtMs, Long issuedAtMs) {}

    /**
     * A quote to create, as the ledger keeps it: bytes where {@link QuoteRow} has hex (see
     * {@link LedgerSchema}, version 3), and always PAID, since a share is paid work.
     */
    record NewQuote(byte[] id, byte[] shareHash, long amount, String unit, byte[] pubkey, byte[] keysetId, long createdAtMs) {}

    /** A blind signature handed out: C_ on B_ for one amount. {@code origin} is "mint:QUOTE_ID" or "swap". */
    record SignatureRow(String blinded, long amount, String keysetId, String signature, String origin) {}

    /** A spent proof's Y = hash_to_curve(secret). */
    record SpentRow(String y, long amount, String keysetId) {}
}
