package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sharemint.mint.QuoteResult;

class PendingShareTest {
    private static PendingShare share() {
        return new PendingShare(null, 1, new byte[32], 1, new byte[33], 1.0, true, 0, 0, 0);
    }

    private static final QuoteResult.Quote QUOTE = new QuoteResult.Quote("q", new byte[8], 1);

    @Test
    void theWorkerSettlesOnlyWhatItClaimed() throws Exception {
        PendingShare p = share();
        assertFalse(p.complete(QUOTE), "not claimed");
        assertTrue(p.claim());
        assertTrue(p.complete(QUOTE));
        assertSame(QUOTE, p.await(0));
        assertFalse(p.timeOut(), "a quoted share cannot time out any more");
        assertEquals(PendingShare.State.QUOTED, p.state());
    }

    @Test
    void aTimedOutShareIsNeverQuoted() throws Exception {
        PendingShare p = share();
        assertThrows(TimeoutException.class, () -> p.await(1_000_000));
        assertTrue(p.timeOut());
        assertFalse(p.claim(), "the worker must not send it to the mint");
        PendingShare atMint = share();
        assertTrue(atMint.claim());
        assertTrue(atMint.timeOut(), "the deadline also wins against a share at the mint");
        assertFalse(atMint.complete(QUOTE), "its late quote is not announced");
        assertNull(atMint.join());
    }

    @Test
    void shutdownTakesOnlySharesNotYetAtTheMint() {
        PendingShare queued = share();
        assertTrue(queued.shutDown());
        PendingShare atMint = share();
        atMint.claim();
        assertFalse(atMint.shutDown());
        assertTrue(atMint.complete(new QuoteResult.Refused("x")));
        assertEquals(PendingShare.State.REFUSED, atMint.state());
    }

    @Test
    void orphansAreStillSentToTheMint() {
        PendingShare p = share();
        assertTrue(p.orphan());
        assertFalse(p.claim());
        assertTrue(p.orphaned());
    }

    /** Timeout and commit race on many threads: exactly one side wins each time. */
    @Test
    void exactlyOneWinnerUnderContention() throws Exception {
        for (int round = 0; round < 2000; round++) {
            PendingShare p = share();
            p.claim();
            AtomicInteger wins = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            Thread a = Thread.ofPlatform().start(() -> {
                await(start);
                if (p.complete(QUOTE)) wins.incrementAndGet();
            });
            Thread b = Thread.ofPlatform().start(() -> {
                await(start);
                if (p.timeOut()) wins.incrementAndGet();
            });
            start.countDown();
            a.join();
            b.join();
            assertEquals(1, wins.get());
            assertTrue(p.state() == PendingShare.State.QUOTED ? p.join() == QUOTE : p.join() == null);
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
