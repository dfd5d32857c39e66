package org.sharemint.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Unencrypted SV2 frames over a pair of streams (normally a socket's). Buffered both ways:
 * {@link #write} buffers, {@link #flush} sends. One thread reads; write and flush take a lock,
 * so several threads may write (each frame goes out whole). The buffers exist only while bytes
 * are in them ({@link ElasticInput}, {@link ElasticOutput}): an idle channel holds none.
 */
public final class PlainFrameChannel implements FrameChannel {
    private final ElasticInput in;
    private final ElasticOutput out;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final ReentrantLock writeLock = new ReentrantLock();

    /**
     * @param maxFrameBytes the largest payload {@link #read} accepts; a bigger declared
     *     msg_length fails with a WireException before any payload is read
     */
    public PlainFrameChannel(InputStream in, OutputStream out, int maxFrameBytes) {
        this.in = ElasticInput.of(in);
        this.out = ElasticOutput.of(out);
        this.reader = new FrameReader(this.in, maxFrameBytes);
        this.writer = new FrameWriter(this.out);
    }

    @Override
    public Frame read() throws IOException {
        return reader.read();
    }

    @Override
    public void frameDeadline(java.net.Socket socket, long timeoutMs) {
        in.frameDeadline(socket, timeoutMs);
    }

    @Override
    public void write(Frame frame) throws IOException {
        writeLock.lock();
        try {
            writer.write(frame);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        writeLock.lock();
        try {
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Flushes what is buffered and closes both streams. If another thread is inside write or
     * flush (perhaps blocked on a full socket) the output is left to it and only the input is
     * closed: for socket streams that closes the socket, which ends the blocked write.
     */
    @Override
    public void close() throws IOException {
        try (in) {
            if (writeLock.tryLock()) {
                try {
                    out.close();
                } finally {
                    writeLock.unlock();
                }
            }
        }
    }
}
