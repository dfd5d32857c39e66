package org.sharemint.noise;

import java.io.IOException;

/**
 * A Noise handshake or transport failure on one connection: a short or stalled handshake, a bad
 * MAC, a certificate outside its window or signed by another key, an oversized frame. The
 * message is the reason, fit for one log line; the caller closes the connection.
 */
public class NoiseException extends IOException {
    public NoiseException(String reason) {
        super(reason);
    }

    public NoiseException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
