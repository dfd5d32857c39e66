package org.sharemint.pool;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * The outbound side of one connection, whatever it writes (SV2 frames: {@link Outbound}; SV1
 * JSON lines: {@link Sv1Outbound}): a queue of encoded items, bounded in bytes, drained by a
 * writer virtual thread — the only thread that writes to the socket, so items are never
 * interleaved and go out in the order they were queued. A subclass says how big an item is,
 * how to write one and how to flush.
 *
 * <p>The writer exists only while there is something to write: the send that finds no writer
 * running starts one, and the writer ends when it finds the queue empty. Both happen under
 * this queue's lock (the writer clears {@code writing} only in the same critical section in
 * which it saw the queue empty, after its last batch is written and flushed), so a frame is
 * never left queued without a writer and two writers never overlap. An idle connection thus
 * parks no writer thread.
 *
 * <p>Coalescing is decided here, by the writer alone: before it takes the queue it yields, and
 * yields again while the queue grew meanwhile (at most {@link #MAX_YIELDS} times). Replies
 * arrive in bursts (the share threads one mint batch wakes at once); the threads of a burst
 * that are already runnable queue their frames during those yields and leave in the same write.
 * That is a chance, not a promise: a burst whose threads are not yet runnable on the two carriers
 * leaves in several writes. Nobody else can hold the writer back, so no frame waits for another
 * thread's promise to release it.
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
abstract class WriteQueue<T> {
    /** What the writer does when a send overflows or the socket fails: close the socket. */
    interface Abort {
        void abort(String reason);
    }

    /**
     * Most yields before one write: a burst's runnable senders get their turn, and a sender
     * that never stops cannot keep the writer from writing.
     */
    static final int MAX_YIELDS = 4;

    private final long limitBytes;
    private final Abort abort;
    /** Built once: a writer starts per burst of sends. */
    private final String writerName;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> queue = new ArrayDeque<>(4);
    private Condition writerDone; // made on the first wait for the writer
    private long queuedBytes;
    /** Items ever queued: the writer compares it across a yield to see whether senders are still at it. */
    private long queuedFrames;
    private boolean writing;
    private boolean closed;
    private boolean overflowed;
    /** Writes the writer made (one flush each), for tests. */
    private long writes;

    /** @param writerName names the writer threads ("writer-ID") */
    WriteQueue(long limitBytes, Abort abort, String writerName) {
        this.limitBytes = limitBytes;
        this.abort = abort;
        this.writerName = writerName;
    }

    /** The bytes {@code item} takes on the wire (what the limit counts). */
    abstract long bytes(T item);

    /** Writes one item (the writer thread only). */
    abstract void write(T item) throws IOException;

    /** Flushes what was written (the writer thread only). */
    abstract void flush() throws IOException;

    /** Queues {@code item}; false when the connection is closing or this send overflowed it. */
    final boolean enqueue(T item) {
        long n = bytes(item);
        lock.lock();
        try {
            if (closed) return false;
            if (queuedBytes + n > limitBytes) {
                closed = true;
                overflowed = true;
                queue.clear();
            } else {
                queue.add(item);
                queuedBytes += n;
                queuedFrames++;
                startWriterLocked();
                return true;
            }
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

    /** No more sends; what is queued is still written, then the writer ends. */
    void finish() {
        lock.lock();
        try {
            closed = true;
            startWriterLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} until no writer runs; true when none does. */
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

    /** Whether a writer thread is running now (for tests). */
    boolean writerRunning() {
        lock.lock();
        try {
            return writing;
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

    /** Writes made so far, one flush each (for tests). */
    long writes() {
        lock.lock();
        try {
            return writes;
        } finally {
            lock.unlock();
        }
    }

    /** The writer thread: writes and flushes batches until it finds the queue empty, or the socket fails. */
    private void drain() {
        List<T> batch = new ArrayList<>();
        try {
            while (true) {
                letTheBurstIn();
                lock.lock();
                try {
                    if (queue.isEmpty()) {
                        // under the lock that senders check it with: the next send starts a writer
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
                for (T item : batch) {
                    write(item);
                    written += bytes(item);
                }
                flush();
                batch.clear();
                lock.lock();
                try {
                    queuedBytes -= written;
                    writes++;
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException | RuntimeException e) {
            lock.lock();
            try {
                closed = true; // nothing more goes out on a broken channel, and no writer restarts
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

    /** Yields while the queue still grows (senders that were ready to run are queuing), at most {@link #MAX_YIELDS} times. */
    private void letTheBurstIn() {
        long seen = queuedFrames();
        for (int i = 0; i < MAX_YIELDS; i++) {
            Thread.yield();
            long now = queuedFrames();
            if (now == seen) return;
            seen = now;
        }
    }

    private long queuedFrames() {
        lock.lock();
        try {
            return queuedFrames;
        } finally {
            lock.unlock();
        }
    }
}
