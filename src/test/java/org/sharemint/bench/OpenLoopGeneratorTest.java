package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sharemint.wire.Codec;
import org.sharemint.wire.SubmitSharesStandard;

class OpenLoopGeneratorTest {
    @Test
    void theScheduleSpreadsSubmitsEvenlyOverTheSenderThreads() {
        double step = 1e9 / 3000; // 3,000/s
        // thread 1 of 2 takes submits 1, 3, 5...: its m-th is due at (1 + 2m) / rate
        assertEquals(1_000 + (long) (3 * step), PacedSchedule.due(1_000, step, 2, 1, 1));
        assertEquals(1_000, PacedSchedule.due(1_000, step, 2, 0, 0));
        // one second of the schedule holds 3,000 submits wherever it starts
        assertEquals(3000, PacedSchedule.dueBetween(0, step, 0, 1_000_000_000L));
        assertEquals(3000, PacedSchedule.dueBetween(0, step, 123_456_789L, 1_123_456_789L));
        assertEquals(0, PacedSchedule.dueBetween(5_000, step, 0, 5_000));
    }

    /** Coordinated omission: a submit sent late is timed from when it was due, not from its write. */
    @Test
    void latencyCountsFromTheDueTimeNotFromTheLateWrite() throws Exception {
        try (EchoPool echo = new EchoPool(1, 0); SocketChannel c = SocketChannel.open(echo.address())) {
            byte[] template = Codec.toBytes(new SubmitSharesStandard(7, 0, 1, 0, 0, 0x2000_0000));
            PacedEndpoint e = new PacedEndpoint(c, template, () -> 42, 100, new byte[0]);
            long due = System.nanoTime() - 50_000_000L; // the sender woke 50 ms after this submit was due
            assertTrue(e.send(due));
            assertEquals(1, e.pending());
            PacedEndpoint.Tally t = new PacedEndpoint.Tally();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (e.pending() > 0 && System.nanoTime() < deadline) e.receive(0, Long.MAX_VALUE, t);
            assertEquals(0, e.pending());
            assertEquals(1, t.accepted);
            assertEquals(1, t.latency.count());
            assertTrue(t.latency.max() >= 49_900_000L, "latency " + t.latency.max() + " ns must include the 50 ms the send was late");
            // a reply to nothing pending is not timed
            assertEquals(0, e.complete(100, System.nanoTime(), t));
        }
    }

    /** Sequence numbers go on from the closed phase (any value): each frame written carries its own. */
    @Test
    void everySubmitIsAnsweredWhateverTheFirstSequenceNumber() throws Exception {
        try (EchoPool echo = new EchoPool(1, 0); SocketChannel c = SocketChannel.open(echo.address())) {
            int[] nonce = {0};
            PacedEndpoint e = new PacedEndpoint(c, Codec.toBytes(new SubmitSharesStandard(7, 0, 1, 0, 0, 0x2000_0000)), () -> nonce[0]++, 1237, new byte[0]);
            PacedEndpoint.Tally t = new PacedEndpoint.Tally();
            long deadline = System.nanoTime() + 20_000_000_000L;
            for (int i = 0; i < 3 * PacedEndpoint.RING; i++) {
                assertTrue(e.send(System.nanoTime()));
                while (e.pending() > 0 && System.nanoTime() < deadline) e.receive(0, Long.MAX_VALUE, t);
            }
            assertEquals(0, e.pending());
            assertEquals(3 * PacedEndpoint.RING, t.accepted);
            assertEquals(3 * PacedEndpoint.RING, t.latency.count());
        }
    }

    @Test
    void aSlotStillUnansweredIsNotReused() throws Exception {
        try (EchoPool echo = new EchoPool(1, 0); SocketChannel c = SocketChannel.open(echo.address())) {
            PacedEndpoint e = new PacedEndpoint(c, Codec.toBytes(new SubmitSharesStandard(7, 0, 1, 0, 0, 0x2000_0000)), () -> 1, 0, new byte[0]);
            for (int i = 0; i < PacedEndpoint.RING; i++) assertTrue(e.send(System.nanoTime()));
            assertFalse(e.send(System.nanoTime()), "a whole ring pending: the submit is skipped, not sent");
        }
    }

    @Test
    void calibrationAgainstTheEchoHoldsATinyRate() throws Exception {
        Calibration.Step s = Calibration.run(8, 400, Duration.ofMillis(300), Duration.ofSeconds(1), 0);
        assertTrue(s.offered() >= 390 && s.offered() <= 410, "offered " + s.offered());
        assertEquals(0, s.unanswered());
        assertEquals(0, s.skipped());
        assertTrue(s.answered() >= 0.98 * s.offered(), s.describe());
        // a loaded 2-core machine stalls threads for hundreds of ms: the bounds here only say the times are replies', not garbage
        assertTrue(s.latency().quantile(0.5) > 0 && s.latency().quantile(0.5) < 2_000_000_000L, s.describe());
        assertTrue(s.latency().max() < 10_000_000_000L, s.describe());
        assertTrue(s.describe().contains("400/s"), s.describe());
    }

    @Test
    void aStallingEchoFailsTheCalibrationAndItsStallShowsInTheLatency() throws Exception {
        Calibration.Step s = Calibration.run(4, 200, Duration.ofMillis(200), Duration.ofSeconds(1), 5_000_000L);
        assertTrue(s.latency().quantile(0.5) >= 5_000_000L, s.describe());
        assertFalse(s.held(), s.describe());
        assertTrue(s.describe().endsWith("FAILED"), s.describe());
    }
}
