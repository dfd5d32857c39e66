package org.sharemint.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket and the penalty box on a hand-moved clock. */
class TokenBucketTest {
    private static final long MS = 1_000_000L;

    @Test
    void burstThenRate() {
        TokenBucket b = new TokenBucket(10, 3, 0);
        for (int i = 0; i < 3; i++) assertTrue(b.tryTake(0));
        assertFalse(b.tryTake(0));
        assertEquals(100 * MS, b.nanosUntilToken(0));
        assertFalse(b.tryTake(99 * MS));
        assertTrue(b.tryTake(100 * MS));
        // a long quiet spell saves up the burst, not more
        for (int i = 0; i < 3; i++) assertTrue(b.tryTake(60_000 * MS));
        assertFalse(b.tryTake(60_000 * MS));
    }

    @Test
    void sharedBucketWaitsForItsTokenUntilTheDeadline() throws Exception {
        SharedTokenBucket b = new SharedTokenBucket(100, 1, System::nanoTime);
        assertTrue(b.take(System.nanoTime()));
        long t0 = System.nanoTime();
        assertTrue(b.take(t0 + 5_000 * MS)); // the next token is 10 ms away
        assertTrue(System.nanoTime() - t0 >= 5 * MS);
        assertFalse(b.take(System.nanoTime())); // none now, and no time to wait
    }

    @Test
    void penaltyBoxExpiresAndIsBounded() throws Exception {
        AtomicLong now = new AtomicLong();
        PenaltyBox box = new PenaltyBox(2_000 * MS, 2, now::get);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        InetAddress c = InetAddress.getByName("192.0.2.3");
        box.penalize(a);
        assertEquals(2_000 * MS, box.waitNanos(a));
        now.set(500 * MS);
        assertEquals(1_500 * MS, box.waitNanos(a));
        assertEquals(0, box.waitNanos(b));
        box.penalize(b);
        box.penalize(c); // full with two live addresses: c is not boxed
        assertEquals(0, box.waitNanos(c));
        now.set(2_100 * MS); // a expired: room again
        box.penalize(c);
        assertEquals(2_000 * MS, box.waitNanos(c));
        assertEquals(0, box.waitNanos(a));
    }
}
