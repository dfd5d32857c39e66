package org.sharemint.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import org.sharemint.downstream.MessageLink;

/**
 * The generator's side of one connection to the pool: decoded messages in, messages and
 * pre-encoded submits out. Writes are buffered until {@link #flush()}. One thread reads; one
 * thread (possibly another) writes.
 */
interface Link extends MessageLink, Closeable {
    /** Whether the next {@link #read()} has a whole frame in hand already (false when unknown). */
    default boolean hasBuffered() {
        return false;
    }

    /**
     * Buffers one SubmitSharesStandard for the submit template set by {@link #prepareSubmits},
     * with this sequence number and nonce: patched into bytes already encoded, no allocation.
     */
    void submit(int sequenceNumber, int nonce) throws IOException;

    /** Fixes the fields every submit of this connection shares (channel, job, ntime, version). */
    void prepareSubmits(int channelId, int jobId, int ntime, int version);

    Socket socket();
}
