package org.sharemint.miner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sharemint.wire.NewExtendedMiningJob;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.SetNewPrevHash;

class JobTrackerTest {
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_100), ZoneOffset.UTC);
    static final byte[] T1 = target(1), T2 = target(2);

    static byte[] target(int b) {
        byte[] t = new byte[32];
        t[30] = (byte) b;
        return t;
    }

    JobTracker standard() {
        return new JobTracker(5, false, T1, new byte[32], 0, CLOCK, new AtomicLong());
    }

    @Test
    void aFutureJobWaitsForItsPrevHash() {
        JobTracker t = standard();
        assertNull(t.onJob(new NewMiningJob(5, 1, null, 0x20000000, new byte[32])));
        Work w = t.onPrevHash(new SetNewPrevHash(5, 1, HashEngineTest.bytes(32, 1), 1_700_000_000, 0x1d00ffff));
        assertNotNull(w);
        assertEquals(1, w.jobId());
        assertEquals(1_700_000_100, w.ntime(), "ntime is the later of min_ntime and the clock");
        assertArrayEquals(T1, w.target());
        assertTrue(t.isActive(1));
    }

    @Test
    void setTargetMovesFutureJobsButNotJobsSentWithMinNtime() {
        JobTracker t = standard();
        t.onJob(new NewMiningJob(5, 1, null, 0x20000000, new byte[32]));
        t.onPrevHash(new SetNewPrevHash(5, 1, new byte[32], 1_700_000_000, 0x1d00ffff));
        Work moved = t.onTarget(T2);
        assertNotNull(moved, "the active job came as a future job: it follows SetTarget");
        assertArrayEquals(T2, moved.target());
        Work next = t.onJob(new NewMiningJob(5, 2, 1_700_000_050, 0x20000000, new byte[32]));
        assertEquals(2, next.jobId());
        assertArrayEquals(T2, next.target());
        assertNull(t.onTarget(T1), "a job sent with min_ntime keeps the target it was sent under");
        assertFalse(t.isActive(1));
    }

    @Test
    void aNewPrevHashMakesOlderJobsStale() {
        JobTracker t = standard();
        t.onJob(new NewMiningJob(5, 1, null, 0x20000000, new byte[32]));
        t.onPrevHash(new SetNewPrevHash(5, 1, new byte[32], 1_700_000_000, 1));
        t.onJob(new NewMiningJob(5, 2, null, 0x20000000, new byte[32]));
        Work w = t.onPrevHash(new SetNewPrevHash(5, 2, HashEngineTest.bytes(32, 9), 1_700_000_200, 1));
        assertEquals(2, w.jobId());
        assertEquals(1_700_000_200, w.ntime());
        assertFalse(t.isActive(1));
        assertNull(t.onPrevHash(new SetNewPrevHash(5, 77, new byte[32], 1, 1)), "an unknown job id leaves nothing to hash");
    }

    @Test
    void anExtendedChannelIgnoresStandardJobsAndUsesItsPrefix() {
        JobTracker t = new JobTracker(6, true, T1, HashEngineTest.bytes(8, 1), 24, CLOCK, new AtomicLong());
        assertNull(t.onJob(new NewMiningJob(6, 1, 5, 0x20000000, new byte[32])));
        t.onJob(new NewExtendedMiningJob(6, 2, null, 0x20000000, true, List.of(), new byte[10], new byte[10]));
        Work w = t.onPrevHash(new SetNewPrevHash(6, 2, new byte[32], 1, 1));
        assertTrue(w.extended());
        assertEquals(24, w.extranonceOf(0).length);
    }
}
