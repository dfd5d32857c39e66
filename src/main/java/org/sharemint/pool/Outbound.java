package org.sharemint.pool;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Frame;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;

/**
 * The outbound side of one connection: a queue of encoded frames, bounded in bytes, drained by
 * one writer virtual thread — the only thread that writes to the socket, so frames are never
 * interleaved.
 *
 * <p>Why a queue and not a write with a deadline: senders (the connection's reader, the share
 * threads, the job broadcaster) never block on a peer's TCP window, so a peer that stops
 * reading cannot stall the broadcaster or other connections; the limit is an exact byte count;
 * and the writer coalesces whatever is queued into one flush. A Java socket has no write
 * timeout, so a deadline would need a watchdog anyway.
 *
 * <p>Bytes stay counted until the writer has written them, so a peer that does not read fills
 * the queue; the send that would pass {@code limitBytes} closes the socket instead (the
 * connection's reader then sees the socket closed and settles everything). Sending never
 * takes any lock but this queue's, so it is safe under a channel's lock.
 */
final class Outbound {
    /** What the writer does when a send overflows or the socket fails: close the socket. */
    interface Abort {
        void abort(String reason);
    }

    private final FrameChannel channel;
    private final long limitBytes;
    private final Abort abort;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean closed;
    private boolean overflowed;

    Outbound(FrameChannel channel, long limitBytes, Abort abort) {
        this.channel = channel;
        this.limitBytes = limitBytes;
        this.abort = abort;
    }

    /** Queues {@code m}; false when the connection is closing or this send overflowed it. */
    boolean send(Message m) {
        Frame f = Codec.encode(m);
        long n = Frame.HEADER_BYTES + (long) f.payload().length;
        lock.lock();
        try {
            if (closed) return false;
            if (queuedBytes + n > limitBytes) {
                closed = true;
                overflowed = true;
                queue.clear();
                ready.signal();
            } else {
                queue.add(f);
                queuedBytes += n;
                ready.signal();
                return true;
            }
        } finally {
            lock.unlock();
        }
        abort.abort("peer is not reading: more than " + limitBytes + " bytes queued for it");
        return false;
    }

    boolean overflowed() {
        lock.lock();
        try {
            return overflowed;
        } finally {
            lock.unlock();
        }
    }

    /** No more sends; the writer writes what is queued, then returns. */
    void finish() {
        lock.lock();
        try {
            closed = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** The writer thread's loop: until finished and empty, or the socket fails. */
    void runWriter() {
        List<Frame> batch = new ArrayList<>();
        try {
            while (true) {
                lock.lock();
                try {
                    while (queue.isEmpty() && !closed) ready.await();
                    if (queue.isEmpty()) return;
                    batch.addAll(queue);
                    queue.clear();
                } finally {
                    lock.unlock();
                }
                long written = 0;
                for (Frame f : batch) {
                    channel.write(f);
                    written += Frame.HEADER_BYTES + f.payload().length;
                }
                channel.flush();
                batch.clear();
                lock.lock();
                try {
                    queuedBytes -= written;
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException e) {
            abort.abort("write failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort.abort("writer interrupted");
        } finally {
            finish();
        }
    }
}
