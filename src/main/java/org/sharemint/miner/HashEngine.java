package org.sharemint.miner;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.Targets;
import org.tinylog.Logger;

/**
 * Grinds nonces on the CPU. {@code threads} platform threads (hashing is pure CPU work, so a
 * virtual thread would only hold a carrier) take chunks of the current {@link Work} and report
 * every header whose hash meets the work's target to the {@link ShareSink}, on the hashing
 * thread itself.
 *
 * <p>Threads: {@link #setWork} may be called from any thread; the hashing threads read the
 * current work through one volatile field and look at it again every {@value #CHECK_EVERY}
 * nonces, so new work (or a pause, with null) takes effect within a millisecond or so.
 */
public final class HashEngine implements AutoCloseable {
    private static final int CHECK_EVERY = 1024;

    /** A header that met its work's target. */
    public record Share(Work work, int nonce, int ntime, int version, byte[] extranonce, byte[] hash) {}

    /** Where found shares go; called on a hashing thread, so it should not block for long. */
    @FunctionalInterface
    public interface ShareSink {
        void found(Share share);
    }

    private final ShareSink sink;
    private final LongAdder hashes;
    private final List<Thread> threads = new ArrayList<>();
    private final Object signal = new Object();
    private volatile Work work;
    private volatile boolean closed;

    /**
     * Starts the threads; they wait until {@link #setWork} gives them something.
     *
     * @param hashes counts every header hashed (for the hash rate)
     */
    public HashEngine(int threadCount, ShareSink sink, LongAdder hashes) {
        if (threadCount < 1) throw new IllegalArgumentException("threads must be at least 1");
        this.sink = sink;
        this.hashes = hashes;
        for (int i = 0; i < threadCount; i++) {
            Thread t = Thread.ofPlatform().name("hash-" + i).daemon().unstarted(this::loop);
            threads.add(t);
            t.start();
        }
    }

    /** Replaces the work every thread hashes; null pauses them (no job, or no connection). */
    public void setWork(Work next) {
        synchronized (signal) {
            work = next;
            signal.notifyAll();
        }
    }

    public Work work() {
        return work;
    }

    private void loop() {
        MessageDigest sha = Bitcoin.sha256();
        byte[] header = new byte[Bitcoin.HEADER_BYTES];
        byte[] hash = new byte[32];
        Work filledFor = null;
        long filledRoll = -1;
        try {
            while (!closed) {
                Work w = awaitWork();
                if (w == null) return;
                long chunk = w.claimChunk();
                if (chunk < 0) {
                    pauseUntilNewWork(w); // the space is used up: wait for the pool's next job
                    continue;
                }
                long roll = chunk / Work.CHUNKS_PER_ROLL;
                if (w != filledFor || roll != filledRoll) {
                    w.fillHeader(header, roll);
                    filledFor = w;
                    filledRoll = roll;
                }
                int first = (int) (chunk % Work.CHUNKS_PER_ROLL) * Work.NONCES_PER_CHUNK;
                byte[] target = w.targetRef();
                int done = 0;
                for (int i = 0; i < Work.NONCES_PER_CHUNK; i++) {
                    int nonce = first + i;
                    Bitcoin.putLe32(header, Bitcoin.NONCE_OFFSET, nonce);
                    Bitcoin.headerHash(sha, header, hash);
                    done++;
                    if (Targets.meets(hash, target)) {
                        sink.found(new Share(w, nonce, w.ntimeOf(roll), w.version(), w.extranonceOf(roll), hash.clone()));
                    }
                    if ((i & (CHECK_EVERY - 1)) == CHECK_EVERY - 1 && work != w) break;
                }
                hashes.add(done);
            }
        } catch (RuntimeException | Error e) {
            // a hashing thread that ends lowers the hash rate for good: say so, with the stack
            Logger.error(e, "hashing thread {} stopped", Thread.currentThread().getName());
            if (e instanceof Error err) throw err;
        }
    }

    private Work awaitWork() {
        synchronized (signal) {
            while (!closed && work == null) {
                try {
                    signal.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return closed ? null : work;
        }
    }

    private void pauseUntilNewWork(Work exhausted) {
        synchronized (signal) {
            while (!closed && work == exhausted) {
                try {
                    signal.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops and joins the threads. */
    @Override
    public void close() {
        closed = true;
        synchronized (signal) {
            work = null;
            signal.notifyAll();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
