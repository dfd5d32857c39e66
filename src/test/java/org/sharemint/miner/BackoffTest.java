package org.sharemint.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** A generator whose nextDouble is always {@code v} (the jitter fraction). */
    static RandomGenerator fixed(double v) {
        return new RandomGenerator() {
            public long nextLong() {
                return 0;
            }

            public double nextDouble() {
                return v;
            }
        };
    }

    @Test
    void doublesUpToTheCapAndStartsOverAfterReset() {
        Backoff b = new Backoff(500, 30_000, fixed(0));
        long[] expected = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (long e : expected) assertEquals(e, b.nextDelayMs());
        b.reset();
        assertEquals(500, b.nextDelayMs());
    }

    @Test
    void jitterTakesAtMostAFifth() {
        Backoff b = new Backoff(1000, 1000, fixed(0.999));
        long d = b.nextDelayMs();
        assertTrue(d > 800 && d <= 1000, "delay " + d);
    }
}
