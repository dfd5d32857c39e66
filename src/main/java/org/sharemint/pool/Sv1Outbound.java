package org.sharemint.pool;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * The outbound side of one SV1 connection, as {@link Outbound} is for SV2 (read its comment for
 * why a queue): encoded lines, bounded in bytes, written by a writer virtual thread that exists
 * only while there is something to write. A send that would pass the limit closes the socket.
 */
final class Sv1Outbound {
    private final OutputStream out;
    private final long limitBytes;
    private final Outbound.Abort abort;
    private final String writerName;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>(4);
    private Condition writerDone;
    private long queuedBytes;
    private boolean writing;
    private boolean closed;
    private boolean overflowed;

    Sv1Outbound(OutputStream out, long limitBytes, Outbound.Abort abort, int connectionId) {
        this.out = out;
        this.limitBytes = limitBytes;
        this.abort = abort;
        this.writerName = "sv1-writer-" + connectionId;
    }

    /** Queues one encoded line; false when the connection is closing or this send overflowed it. */
    boolean send(byte[] line) {
        lock.lock();
        try {
            if (closed) return false;
            if (queuedBytes + line.length <= limitBytes) {
                queue.add(line);
                queuedBytes += line.length;
                startWriterLocked();
                return true;
            }
            closed = true;
            overflowed = true;
            queue.clear();
        } finally {
            lock.unlock();
        }
        abort.abort("peer is not reading: more than " + limitBytes + " bytes queued for it");
        return false;
    }

    private void startWriterLocked() {
        if (writing || queue.isEmpty()) return;
        writing = true;
        Thread.ofVirtual().name(writerName).start(this::drain);
    }

    boolean overflowed() {
        lock.lock();
        try {
            return overflowed;
        } finally {
            lock.unlock();
        }
    }

    /** No more sends; what is queued is still written. */
    void finish() {
        lock.lock();
        try {
            closed = true;
            startWriterLocked();
        } finally {
            lock.unlock();
        }
    }

    boolean awaitWriter(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (writing) {
                if (nanos <= 0) return false;
                if (writerDone == null) writerDone = lock.newCondition();
                nanos = writerDone.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void drain() {
        List<byte[]> batch = new ArrayList<>();
        try {
            while (true) {
                Thread.yield(); // lets a burst of replies that are already runnable join this write
                lock.lock();
                try {
                    if (queue.isEmpty()) {
                        writing = false;
                        if (writerDone != null) writerDone.signalAll();
                        return;
                    }
                    batch.addAll(queue);
                    queue.clear();
                } finally {
                    lock.unlock();
                }
                long written = 0;
                for (byte[] line : batch) {
                    out.write(line);
                    written += line.length;
                }
                out.flush();
                batch.clear();
                lock.lock();
                try {
                    queuedBytes -= written;
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                closed = true;
                writing = false;
                queue.clear();
                if (writerDone != null) writerDone.signalAll();
            } finally {
                lock.unlock();
            }
            if (e instanceof RuntimeException) Logger.error(e, "{}: writer failed", writerName);
            abort.abort("write failed: " + e.getMessage());
        }
    }
}
