package org.sharemint.sv1;

/** A Stratum V1 line that is not what its method says: answered with {@link #code} and the message. */
public class Sv1Exception extends Exception {
    private final int code;

    public Sv1Exception(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The JSON-RPC error code (20 other, 21 job, 22 duplicate, 23 difficulty, 24 unauthorized, 25 not subscribed). */
    public int code() {
        return code;
    }
}
