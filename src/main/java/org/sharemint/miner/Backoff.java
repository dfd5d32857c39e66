package org.sharemint.miner;

import java.util.random.RandomGenerator;

/** Exponential backoff with a cap and some jitter (so many miners do not reconnect in step). */
final class Backoff {
    private final long firstMs;
    private final long capMs;
    private final RandomGenerator random;
    private long nextMs;

    Backoff(long firstMs, long capMs, RandomGenerator random) {
        if (firstMs <= 0 || capMs < firstMs) throw new IllegalArgumentException("need 0 < first <= cap");
        this.firstMs = firstMs;
        this.capMs = capMs;
        this.random = random;
        this.nextMs = firstMs;
    }

    /** The delay before the next attempt: doubles each time up to the cap, minus up to 20 % jitter. */
    long nextDelayMs() {
        long d = nextMs;
        nextMs = Math.min(capMs, nextMs * 2);
        return d - (long) (d * 0.2 * random.nextDouble());
    }

    /** After a success: the next failure starts again from the first delay. */
    void reset() {
        nextMs = firstMs;
    }
}
