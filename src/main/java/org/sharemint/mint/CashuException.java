package org.sharemint.mint;

/**
 * A request the mint refuses, answered as HTTP 400 {@code {"detail": ..., "code": ...}} with a code
 * from the Cashu NUT error table (0 for a malformed request that no NUT code describes).
 */
public final class CashuException extends Exception {
    public static final int BAD_REQUEST = 0;
    public static final int PROOF_VERIFICATION_FAILED = 10001;
    public static final int PROOFS_ALREADY_SPENT = 11001;
    public static final int OUTPUTS_ALREADY_SIGNED = 11003;
    public static final int NOT_BALANCED = 11005;
    public static final int AMOUNT_OUT_OF_RANGE = 11006;
    public static final int DUPLICATE_INPUTS = 11007;
    public static final int DUPLICATE_OUTPUTS = 11008;
    public static final int MULTIPLE_UNITS = 11009;
    public static final int UNITS_DIFFER = 11010;
    public static final int UNIT_NOT_SUPPORTED = 11013;
    public static final int MAX_INPUTS_EXCEEDED = 11014;
    public static final int MAX_OUTPUTS_EXCEEDED = 11015;
    public static final int DUPLICATE_QUOTE_IDS = 11016;
    public static final int MAX_BATCH_SIZE_EXCEEDED = 11017;
    public static final int KEYSET_UNKNOWN = 12001;
    public static final int KEYSET_INACTIVE = 12002;
    public static final int KEYSET_EXPIRED = 12003;
    public static final int QUOTE_NOT_PAID = 20001;
    public static final int QUOTE_ALREADY_ISSUED = 20002;
    public static final int MINTING_DISABLED = 20003;
    public static final int QUOTE_EXPIRED = 20007;
    public static final int SIGNATURE_INVALID = 20008;
    public static final int PUBKEY_REQUIRED = 20009;

    private final int code;

    public CashuException(int code, String detail) {
        super(detail, null, false, false); // a refusal, not a fault: no stack trace to fill
        this.code = code;
    }

    /** The Cashu error for a write the ledger refused. */
    static CashuException of(LedgerConflict c) {
        int code = switch (c.kind()) {
            case QUOTE_NOT_FOUND, QUOTE_CHANGED -> BAD_REQUEST;
            case QUOTE_NOT_PAID -> QUOTE_NOT_PAID;
            case QUOTE_ALREADY_ISSUED -> QUOTE_ALREADY_ISSUED;
            case PROOF_ALREADY_SPENT -> PROOFS_ALREADY_SPENT;
            case OUTPUT_ALREADY_SIGNED -> OUTPUTS_ALREADY_SIGNED;
        };
        return new CashuException(code, c.getMessage());
    }

    public int code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
