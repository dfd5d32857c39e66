package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void quantilesMatchSortedSamplesWithinTheHistogramsPrecision() {
        Random r = new Random(7);
        long[] samples = new long[100_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (long) Math.exp(8 + 6 * r.nextDouble()); // ~3 us .. ~3.6 ms, log-uniform
            h.record(samples[i]);
        }
        Arrays.sort(samples);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            long exact = samples[(int) Math.ceil(q * samples.length) - 1];
            long got = h.quantile(q);
            assertTrue(got >= exact * 0.998 && got <= exact * 1.002, q + ": exact " + exact + ", histogram " + got);
        }
        long top = samples[samples.length - 1];
        assertTrue(h.max() >= top && h.max() <= top * 1.002, "max " + h.max() + " for " + top);
        assertEquals(h.max(), h.quantile(1.0));
        assertEquals(samples.length, h.count());
    }

    @Test
    void aNegativeSampleCountsAsZeroAndAHugeOneIsKept() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(3_600_000_000_000L); // an hour in ns: the histogram resizes
        assertEquals(2, h.count());
        assertEquals(0, h.quantile(0.5));
        assertTrue(h.max() >= 3_600_000_000_000L * 0.999, "max " + h.max());
    }

    @Test
    void mergeAddsCountsAndCdfEndsAtOne() {
        LatencyHistogram a = new LatencyHistogram(), b = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) a.record(i * 1000L);
        for (int i = 1; i <= 300; i++) b.record(i * 10_000L);
        a.add(b);
        assertEquals(400, a.count());
        assertTrue(Math.abs(a.max() - 3_000_000) <= 3_000, "max " + a.max());
        double[][] cdf = a.cdf();
        assertEquals(1.0, cdf[cdf.length - 1][1], 1e-12);
        for (int i = 1; i < cdf.length; i++) assertTrue(cdf[i][0] > cdf[i - 1][0] && cdf[i][1] > cdf[i - 1][1]);
        // 100 of the 400 samples are at or below 100 us
        double atHundredMicros = Arrays.stream(cdf).filter(p -> p[0] <= 100_100).mapToDouble(p -> p[1]).max().orElse(0);
        assertEquals(0.25 + 10.0 / 400, atHundredMicros, 1e-9); // a's 100 and b's 10,000..100,000
        assertEquals(0, new LatencyHistogram().quantile(0.99));
        assertEquals(0, new LatencyHistogram().max());
    }
}
