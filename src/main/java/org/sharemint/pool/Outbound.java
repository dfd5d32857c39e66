package org.sharemint.pool;

import java.io.IOException;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Frame;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;

/**
 * The outbound side of one SV2 connection: its messages encoded as frames on a {@link WriteQueue}
 * (read its comment for the writer, the coalescing and the byte limit).
 */
final class Outbound extends WriteQueue<Frame> implements ChannelOut {
    private final FrameChannel channel;

    /** @param connectionId names the writer threads ("writer-ID") */
    Outbound(FrameChannel channel, long limitBytes, Abort abort, int connectionId) {
        super(limitBytes, abort, "writer-" + connectionId);
        this.channel = channel;
    }

    /** Queues {@code m}; false when the connection is closing or this send overflowed it. */
    @Override
    public boolean send(Message m) {
        return enqueue(Codec.encode(m));
    }

    @Override
    long bytes(Frame f) {
        return Frame.HEADER_BYTES + (long) f.payload().length;
    }

    @Override
    void write(Frame f) throws IOException {
        channel.write(f);
    }

    @Override
    void flush() throws IOException {
        channel.flush();
    }
}
