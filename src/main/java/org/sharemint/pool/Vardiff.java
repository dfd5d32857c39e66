package org.sharemint.pool;

/**
 * Variable difficulty for one channel: over a window of time, compare the shares seen with
 * the aim (channel.shares-per-minute) and, when off by more than a factor of two, move the
 * difficulty toward it by at most a factor of four per window. It only ever proposes a new
 * difficulty; the channel clamps it (channel.min-difficulty, the client's max_target) and sends
 * SetTarget. Vardiff never disconnects anyone.
 *
 * <p>Not thread-safe: the channel calls it under its lock. Times are monotonic nanoseconds.
 */
final class Vardiff {
    static final long DEFAULT_WINDOW_NANOS = 60_000_000_000L;
    private static final double MAX_STEP = 4.0;
    private static final double TOLERANCE = 2.0;

    private final double aimPerMinute;
    private final long windowNanos;
    private long windowStart;
    private long shares;

    Vardiff(int sharesPerMinute, long windowNanos, long nowNanos) {
        this.aimPerMinute = sharesPerMinute;
        this.windowNanos = windowNanos;
        this.windowStart = nowNanos;
    }

    void countShare() {
        shares++;
    }

    /** Starts a new window (after a target change the old count means nothing). */
    void reset(long nowNanos) {
        windowStart = nowNanos;
        shares = 0;
    }

    /**
     * The difficulty to move to, or NaN when no change is due (window not over, or the rate
     * is within a factor of two of the aim).
     */
    double propose(long nowNanos, double difficulty) {
        long elapsed = nowNanos - windowStart;
        if (elapsed < windowNanos) return Double.NaN;
        double perMinute = shares * 60e9 / elapsed;
        double ratio = perMinute / aimPerMinute;
        reset(nowNanos);
        if (ratio >= 1 / TOLERANCE && ratio <= TOLERANCE) return Double.NaN;
        return difficulty * Math.max(1 / MAX_STEP, Math.min(MAX_STEP, ratio));
    }
}
