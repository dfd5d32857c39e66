package org.sharemint.peer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A {@link TokenBucket} many threads draw from: {@link #take} waits its turn for a token (the
 * lock is fair, so waiters are served in arrival order), up to a deadline.
 */
public final class SharedTokenBucket {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final TokenBucket bucket;
    private final LongSupplier nanoTime;

    public SharedTokenBucket(double ratePerSecond, double burst, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.bucket = new TokenBucket(ratePerSecond, burst, nanoTime.getAsLong());
    }

    /** Waits for a token until {@code deadlineNanos} (on the same clock); false when the deadline came first. */
    public boolean take(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - nanoTime.getAsLong();
        if (!lock.tryLock(Math.max(0, wait), TimeUnit.NANOSECONDS)) return false;
        try {
            while (true) {
                long now = nanoTime.getAsLong();
                long until = bucket.nanosUntilToken(now);
                if (until == 0) return bucket.tryTake(now);
                // holding the lock while sleeping is the queue: the next waiter gets the next token
                if (now + until > deadlineNanos) return false;
                TimeUnit.NANOSECONDS.sleep(until);
            }
        } finally {
            lock.unlock();
        }
    }
}
