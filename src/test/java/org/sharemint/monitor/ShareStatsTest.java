package org.sharemint.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sharemint.testing.SteppedClock;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The pool's and a worker's windows, the latency percentiles and the chart history, on a clock the test moves. */
class ShareStatsTest {
    private static final long START = 1_700_000_000_000L; // a whole number of slots and ticks
    private static final double TWO_32 = 4294967296.0;

    /** Shares of difficulty {@code d}, {@code perSecond} a second for {@code seconds}, the ticker run every second. */
    private static void feed(SteppedClock clock, ShareStats stats, WorkerStats w, double d, int perSecond, int seconds, long latencyNanos) {
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < perSecond; i++) {
                stats.valid(d);
                stats.answered(latencyNanos);
                w.valid(d);
                w.accepted(true, 1024);
            }
            clock.advance(1000);
            stats.advance(clock.millis());
        }
    }

    private static void answered(ShareStats stats, long nanos) {
        stats.valid(1);
        stats.answered(nanos);
    }

    @Test
    void aSteadyRateIsSeenInEveryWindow() {
        SteppedClock clock = new SteppedClock(START);
        ShareStats stats = new ShareStats(clock, 10);
        WorkerStats w = stats.workers().worker("02" + "ab".repeat(32), "rig1");
        // 4 shares/s of difficulty 2 for 2 hours: 8 * 2^32 H/s
        feed(clock, stats, w, 2, 4, 7200, 3_000_000);
        double expected = 8 * TWO_32;
        // each window spans its slots plus the current part-slot; here the part-slot is empty (a tick just passed): at most one slot short
        assertEquals(expected, stats.rate1m().hashesPerSecond(), expected * 0.01);
        assertEquals(expected, stats.rate10m().hashesPerSecond(), expected * 0.01);
        assertEquals(expected, stats.rate1h().hashesPerSecond(), expected * 0.01);
        assertEquals(240, stats.rate1m().shares());
        assertEquals(1 / Math.sqrt(240), stats.rate1m().relativeError(), 1e-9);
        WorkerTable.Row row = stats.workers().page(0, 10, "name", false, "").workers().get(0);
        assertEquals(expected, row.hashrate1m(), expected * 0.01);
        assertEquals(expected, row.hashrate10m(), expected * 0.01);
        assertEquals(expected, row.hashrate1h(), expected * 0.01);
        assertEquals(4 * 7200, row.accepted());
        assertEquals(4 * 7200, row.quotes());
        assertEquals(4 * 7200 * 1024.0, row.ecash());
        // 3 ms falls in a bucket whose bounds are within 25 % of each other
        ShareStats.LastMinute m = stats.lastMinute();
        assertEquals(3.0, m.deferralP50Ms(), 0.75);
        assertEquals(3.0, m.deferralP99Ms(), 0.75);
        ShareStats.History h = stats.history();
        assertEquals(ShareStats.HISTORY, h.unixSeconds().size());
        assertEquals(expected, h.hashrate1m().get(h.hashrate1m().size() - 1), expected * 0.01);
        assertEquals(4.0, h.acceptedPerSecond().get(10), 1e-9);
    }

    @Test
    void ratesFallToZeroWhenSharesStopAndAYoungPoolDividesByItsAge() {
        SteppedClock clock = new SteppedClock(START);
        ShareStats stats = new ShareStats(clock, 10);
        WorkerStats w = stats.workers().worker("", "solo");
        feed(clock, stats, w, 1, 2, 30, 1_000_000);
        // 30 s old: the 1-minute figure is over 30 s, not 60 (no half-rate start)
        assertEquals(2 * TWO_32, stats.rate1m().hashesPerSecond(), 2 * TWO_32 * 0.01);
        assertEquals(2 * TWO_32, stats.workers().page(0, 1, "name", false, "").workers().get(0).hashrate1m(), 2 * TWO_32 * 0.01);
        feed(clock, stats, w, 1, 0, 120, 0);
        assertEquals(0, stats.rate1m().hashesPerSecond());
        assertEquals(0, stats.workers().page(0, 1, "name", false, "").workers().get(0).hashrate1m());
        assertTrue(stats.rate10m().hashesPerSecond() > 0, "the 10-minute window still holds them");
        assertNull(stats.lastMinute().deferralP50Ms(), "no share in the last minute: no percentile");
    }

    @Test
    void percentilesSeparateTheSlowTail() {
        SteppedClock clock = new SteppedClock(START);
        ShareStats stats = new ShareStats(clock, 10);
        for (int i = 0; i < 990; i++) answered(stats, 2_000_000);
        for (int i = 0; i < 10; i++) answered(stats, 800_000_000);
        for (int i = 0; i < 5; i++) stats.rejected();
        ShareStats.LastMinute m = stats.lastMinute();
        assertEquals(2.0, m.deferralP50Ms(), 0.5);
        assertTrue(m.deferralP99Ms() < 3.0, "p99 of 990 fast and 10 slow is fast: " + m.deferralP99Ms());
        answered(stats, 800_000_000);
        answered(stats, 800_000_000);
        assertTrue(stats.lastMinute().deferralP99Ms() > 600, "past 1 % slow, p99 is slow");
        assertEquals(5, stats.lastMinute().refused());
        assertEquals(1002, stats.lastMinute().accepted());
    }
}
