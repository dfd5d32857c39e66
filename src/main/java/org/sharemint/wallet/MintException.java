package org.sharemint.wallet;

import java.io.IOException;

/**
 * The mint answered with an error. {@link #code()} is the Cashu error code (HTTP 400 with
 * {@code {"detail", "code"}}); 0 when the answer was not a Cashu error (another status, a body
 * that is not the error form), which a wallet treats as transient.
 */
public final class MintException extends IOException {
    /** Cashu error codes this wallet acts on (NUT error table). */
    public static final int PROOFS_SPENT = 11001;
    public static final int KEYSET_UNKNOWN = 12001;
    public static final int KEYSET_INACTIVE = 12002;
    public static final int KEYSET_EXPIRED = 12003;
    public static final int QUOTE_NOT_PAID = 20001;
    public static final int QUOTE_ISSUED = 20002;
    public static final int SIGNATURE_INVALID = 20008;

    private final int code;
    private final int status;

    public MintException(int status, int code, String detail) {
        super(code != 0 ? "mint error " + code + ": " + detail : "mint answered HTTP " + status + ": " + detail);
        this.status = status;
        this.code = code;
    }

    /** The Cashu error code, 0 when the mint did not give one. */
    public int code() {
        return code;
    }

    /** The HTTP status (0 when the answer was malformed rather than an error status). */
    public int status() {
        return status;
    }

    /** True for a Cashu error: the mint decided, and the same request will get the same answer. */
    public boolean definitive() {
        return code != 0;
    }
}
