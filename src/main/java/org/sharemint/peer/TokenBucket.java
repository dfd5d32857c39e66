package org.sharemint.peer;

/**
 * A token bucket on the monotonic clock: {@code ratePerSecond} tokens a second, at most
 * {@code burst} saved up. Not thread-safe (one per connection, used by its reader thread)
 * unless the caller holds a lock; {@link SharedTokenBucket} is the locked form.
 */
public final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    /** A full bucket at {@code nowNanos}. */
    public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
        if (ratePerSecond <= 0 || burst < 1) throw new IllegalArgumentException("rate must be positive and burst at least 1");
        this.perNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /** Nanoseconds until a token is there (0: one is there now); takes nothing. */
    public long nanosUntilToken(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    private void refill(long now) {
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            last = now;
        }
    }
}
