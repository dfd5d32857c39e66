package org.sharemint.pool;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The outbound side of one SV1 connection: encoded JSON lines on a {@link WriteQueue}, as
 * {@link Outbound} is for SV2 frames (read WriteQueue's comment for why a queue).
 */
final class Sv1Outbound extends WriteQueue<byte[]> {
    private final OutputStream out;

    Sv1Outbound(OutputStream out, long limitBytes, Abort abort, int connectionId) {
        super(limitBytes, abort, "sv1-writer-" + connectionId);
        this.out = out;
    }

    /** Queues one encoded line; false when the connection is closing or this send overflowed it. */
    boolean send(byte[] line) {
        return enqueue(line);
    }

    @Override
    long bytes(byte[] line) {
        return line.length;
    }

    @Override
    void write(byte[] line) throws IOException {
        out.write(line);
    }

    @Override
    void flush() throws IOException {
        out.flush();
    }
}
