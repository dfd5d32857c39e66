package org.sharemint.pool;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sharemint.noise.HandshakeGate;
import org.sharemint.noise.NoiseException;
import org.sharemint.peer.SharedTokenBucket;

/**
 * The miner listener's bound on Noise handshake work. A handshake costs the pool three point
 * multiplications against a peer's 64 random bytes, so a flood of Act 1 messages could take
 * every core. Here: at most pool.max-handshakes-in-progress wait or compute at once (beyond
 * that the connection is closed at once), they start at most pool.max-handshakes-per-s, and at
 * most half the cores (at least one) compute Act 2 at a time, so established miners keep the
 * rest. Waits are in arrival order and end at the handshake's deadline (pool.setup-timeout-ms).
 */
final class NoiseGate implements HandshakeGate {
    private final int maxInProgress;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final SharedTokenBucket rate;
    private final Semaphore cores;

    NoiseGate(int maxInProgress, int perSecond) {
        this.maxInProgress = maxInProgress;
        // a burst of a tenth of a second's worth: a restart's reconnecting miners are not refused
        this.rate = new SharedTokenBucket(perSecond, Math.max(1, perSecond / 10.0), System::nanoTime);
        this.cores = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);
    }

    @Override
    public Permit enter(long deadlineNanos) throws NoiseException {
        if (inProgress.incrementAndGet() > maxInProgress) {
            inProgress.decrementAndGet();
            throw new Refused("more than pool.max-handshakes-in-progress (" + maxInProgress + ") handshakes in progress");
        }
        boolean held = false;
        try {
            if (!rate.take(deadlineNanos)) throw new Refused("handshake timed out waiting for its turn (pool.max-handshakes-per-s)");
            long wait = deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadlineNanos - System.nanoTime());
            if (!cores.tryAcquire(wait, TimeUnit.NANOSECONDS)) throw new Refused("handshake timed out waiting for a core");
            held = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoiseException("interrupted while waiting to compute Act 2");
        } finally {
            if (!held) inProgress.decrementAndGet();
        }
        return () -> {
            cores.release();
            inProgress.decrementAndGet();
        };
    }

    /** Handshakes computing or waiting to (for tests and metrics). */
    int inProgress() {
        return inProgress.get();
    }

    /** The gate was full, or the wait for a turn passed the deadline: the pool's load, not the peer's fault (no penalty). */
    static final class Refused extends NoiseException {
        Refused(String reason) {
            super(reason);
        }
    }
}
