package org.sharemint.monitor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Blocks the pool handed to its node and what the node said, for the API: a count and the last
 * {@value #KEPT}. A job source that submits blocks (bitcoind, a template provider) reports each
 * one here; the synthetic chain submits none.
 */
public final class BlockLog {
    static final int KEPT = 10;

    /** One submission: when, the block's height and hash, and the node's answer ("accepted" or its error). */
    public record Submission(long unixMs, long height, String hash, String answer) {}

    private final AtomicLong submitted = new AtomicLong();
    private final Deque<Submission> last = new ArrayDeque<>();
    private volatile boolean used;

    public void submitted(long unixMs, long height, String hash, String answer) {
        used = true;
        submitted.incrementAndGet();
        synchronized (last) {
            last.addFirst(new Submission(unixMs, height, hash, answer));
            while (last.size() > KEPT) last.removeLast();
        }
    }

    /** Blocks submitted, or null while none was (a job source that submits nothing). */
    public Long count() {
        return used ? submitted.get() : null;
    }

    public List<Submission> last() {
        synchronized (last) {
            return List.copyOf(last);
        }
    }
}
