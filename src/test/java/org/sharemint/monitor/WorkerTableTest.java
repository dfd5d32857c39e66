package org.sharemint.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import org.sharemint.testing.SteppedClock;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Paging, sorting, search, forgetting after a day and the cap, on a clock the test moves. */
class WorkerTableTest {
    private static final long START = 1_700_000_000_000L;
    private static final String KEY_A = "02" + "aa".repeat(32);
    private static final String KEY_B = "03" + "bb".repeat(32);

    @Test
    void pagesSortAndSearch() {
        SteppedClock clock = new SteppedClock(START);
        WorkerTable t = new WorkerTable(clock, 100);
        for (int i = 0; i < 7; i++) {
            WorkerStats w = t.worker(i % 2 == 0 ? KEY_A : KEY_B, "rig" + i);
            for (int s = 0; s <= i; s++) w.accepted(true, 1);
            w.rejected();
        }
        WorkerTable.PageOf first = t.page(0, 3, "accepted", true, "");
        assertEquals(7, first.total());
        assertEquals(List.of("rig6", "rig5", "rig4"), first.workers().stream().map(WorkerTable.Row::name).toList());
        WorkerTable.PageOf last = t.page(2, 3, "accepted", true, "");
        assertEquals(List.of("rig0"), last.workers().stream().map(WorkerTable.Row::name).toList());
        assertEquals(List.of(), t.page(5, 3, "accepted", true, "").workers(), "past the end: an empty page");
        assertEquals(List.of("rig0", "rig1"), t.page(0, 2, "name", false, "").workers().stream().map(WorkerTable.Row::name).toList());
        // search: a locking key's prefix, or part of a name, any case
        assertEquals(4, t.page(0, 10, "name", false, KEY_A.substring(0, 20)).total());
        assertEquals(3, t.page(0, 10, "name", false, KEY_B.toUpperCase()).total());
        assertEquals(List.of("rig3"), t.page(0, 10, "name", false, "RIG3").workers().stream().map(WorkerTable.Row::name).toList());
        assertEquals(4, t.byKey(KEY_A).size());
        assertThrows(IllegalArgumentException.class, () -> t.page(0, 1, "nonsense", true, ""));
    }

    @Test
    void aWorkerUnseenForADayIsForgottenAndComesBackAfresh() {
        SteppedClock clock = new SteppedClock(START);
        WorkerTable t = new WorkerTable(clock, 100);
        WorkerStats idle = t.worker(KEY_A, "idle");
        idle.accepted(true, 1);
        clock.advance(WorkerTable.FORGET_AFTER_MS - 60_000);
        WorkerStats busy = t.worker(KEY_B, "busy");
        busy.accepted(true, 1);
        clock.advance(120_000);
        t.advance(clock.millis());
        assertEquals(1, t.size());
        assertTrue(idle.forgotten());
        assertFalse(busy.forgotten());
        assertEquals(List.of("busy"), t.page(0, 10, "name", false, "").workers().stream().map(WorkerTable.Row::name).toList());
        WorkerStats again = t.worker(KEY_A, "idle");
        assertNotSame(idle, again);
        assertEquals(0, t.byKey(KEY_A).get(0).accepted(), "a forgotten worker starts from nothing");
        assertSame(again, t.worker(KEY_A, "idle"));
    }

    /**
     * 100,000 worker names seen (as many channels opening with made-up names) leave at most the
     * cap in the table, so memory is bounded by the cap times a worker's size (about 0.5 kB).
     */
    @Test
    void theCapBoundsTheTableAndTheTickerMakesRoomForNewWorkers() {
        SteppedClock clock = new SteppedClock(START);
        int cap = 10_000;
        WorkerTable t = new WorkerTable(clock, cap);
        for (int i = 0; i < 100_000; i++) {
            t.worker(KEY_A, "w" + i).accepted(true, 1);
            if (i % 1000 == 0) clock.advance(1000);
        }
        assertEquals(cap, t.size());
        assertEquals(90_000, t.untracked());
        assertTrue(WorkerStats.approximateBytes() * cap < 8L << 20, "the cap's worth of workers stays under 8 MB");
        // the ticker forgets the longest unseen to make room; the newest stay
        t.advance(clock.millis());
        assertEquals((int) (cap * 0.9), t.size());
        assertEquals(List.of("w9999"), t.page(0, 1, "name", true, "w9999").workers().stream().map(WorkerTable.Row::name).toList());
        assertEquals(0, t.page(0, 1, "name", true, "w0").workers().stream().filter(r -> r.name().equals("w0")).count());
        WorkerStats fresh = t.worker(KEY_B, "new");
        assertFalse(fresh.forgotten());
        assertEquals(1, t.byKey(KEY_B).size());
    }
}
