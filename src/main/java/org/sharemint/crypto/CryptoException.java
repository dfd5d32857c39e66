package org.sharemint.crypto;

/** Bad key, point, scalar or signature bytes from outside: a reason, never a stack trace. */
public final class CryptoException extends Exception {
    public CryptoException(String message) {
        super(message);
    }
}
