package org.sharemint.downstream;

import java.io.IOException;
import org.sharemint.wire.Message;

/** A downstream's SV2 connection as messages: what {@link Sv2Setup} talks over. */
public interface MessageLink {
    /** Blocks for the next message from the pool. */
    Message read() throws IOException;

    /** Writes a message (possibly buffered until {@link #flush()}). */
    void send(Message m) throws IOException;

    void flush() throws IOException;
}
