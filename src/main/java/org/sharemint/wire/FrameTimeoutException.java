package org.sharemint.wire;

import java.io.IOException;

/** A frame whose first bytes came was not whole within the frame deadline (see {@link ElasticInput#frameDeadline}). */
public final class FrameTimeoutException extends IOException {
    public FrameTimeoutException(long timeoutMs) {
        super("frame not finished within " + timeoutMs + " ms of its first bytes");
    }
}
