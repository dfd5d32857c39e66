package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void bucketsAreContiguousAndCoverEveryLong() {
        assertEquals(0, LatencyHistogram.lowerEdge(0));
        for (int i = 1; i < LatencyHistogram.BUCKETS; i++) {
            assertEquals(LatencyHistogram.upperEdge(i - 1) + 1, LatencyHistogram.lowerEdge(i), "bucket " + i);
            assertEquals(i, LatencyHistogram.index(LatencyHistogram.lowerEdge(i)));
            assertEquals(i, LatencyHistogram.index(LatencyHistogram.upperEdge(i)));
        }
        assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.index(Long.MAX_VALUE));
    }

    @Test
    void relativeErrorOfABucketIsAtMostOneThirtySecond() {
        for (int i = 64; i < LatencyHistogram.BUCKETS - 1; i++) {
            double width = LatencyHistogram.upperEdge(i) - LatencyHistogram.lowerEdge(i) + 1;
            assertTrue(width / LatencyHistogram.lowerEdge(i) <= 1.0 / 32 + 1e-12, "bucket " + i);
        }
    }

    @Test
    void quantilesMatchSortedSamplesWithinThreePercent() {
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
            assertTrue(got >= exact && got <= exact * 1.04, q + ": exact " + exact + ", histogram " + got);
        }
        assertEquals(samples[samples.length - 1], h.max());
        assertEquals(h.max(), h.quantile(1.0));
        assertEquals(samples.length, h.count());
    }

    @Test
    void mergeAddsCountsAndCdfEndsAtOne() {
        LatencyHistogram a = new LatencyHistogram(), b = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) a.record(i * 1000L);
        for (int i = 1; i <= 300; i++) b.record(i * 10_000L);
        a.add(b);
        assertEquals(400, a.count());
        assertEquals(3_000_000, a.max());
        double[][] cdf = a.cdf();
        assertEquals(1.0, cdf[cdf.length - 1][1], 1e-12);
        for (int i = 1; i < cdf.length; i++) assertTrue(cdf[i][0] > cdf[i - 1][0] && cdf[i][1] > cdf[i - 1][1]);
        assertEquals(0, new LatencyHistogram().quantile(0.99));
    }
}
