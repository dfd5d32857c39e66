package org.sharemint.wire;

import java.io.Closeable;
import java.io.IOException;

/**
 * A blocking, bidirectional stream of SV2 frames: plaintext over a socket, or Noise-encrypted.
 * One thread reads; writes must be serialized by the caller (or by the implementation, which
 * says so).
 */
public interface FrameChannel extends Closeable {
    /** Blocks for the next frame; EOFException at a clean end of stream. */
    Frame read() throws IOException;

    void write(Frame frame) throws IOException;

    /** Writes any buffered frames. */
    void flush() throws IOException;

    /**
     * Bounds how long a started frame may take to arrive whole ({@link ElasticInput#frameDeadline});
     * a channel that cannot does nothing.
     */
    default void frameDeadline(java.net.Socket socket, long timeoutMs) {}
}
