package org.sharemint.monitor;

/**
 * The pool's hashrate estimate: every accepted share of target difficulty {@code d} stands for
 * {@code d * 2^32} hashes on average (difficulty 1 is about 2^32 hashes), so over a window of
 * {@code T} seconds the rate is {@code sum(d) * 2^32 / T}. The shares of a window are a Poisson
 * count: with {@code n} of them the estimate's relative standard error is about {@code 1/sqrt(n)}
 * (10 shares: 32 %, 100: 10 %, 10,000: 1 %).
 */
public final class Hashrate {
    /** Hashes per unit of difficulty. */
    public static final double HASHES_PER_DIFFICULTY = 4294967296.0;

    private Hashrate() {}

    /** Hashes per second from a sum of share difficulties over {@code seconds}; 0 for an empty span. */
    public static double perSecond(double difficultySum, double seconds) {
        return seconds <= 0 ? 0 : difficultySum * HASHES_PER_DIFFICULTY / seconds;
    }

    /** The estimate's relative standard error with {@code shares} shares in the window (1 with none). */
    public static double relativeError(long shares) {
        return shares <= 0 ? 1 : 1 / Math.sqrt(shares);
    }
}
