package org.sharemint.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The sending side of a paced phase: one platform thread per core walks one global schedule,
 * submit j due at t0 + j / rate on connection j mod n, thread k taking every j = k (mod T).
 * A thread that falls behind sends at once (the reply's latency still counts from the due
 * time). Few threads parking on a fine schedule cost far less CPU on 2 cores than a timer
 * wake-up per connection per submit. At the end every connection gets its fence.
 */
final class PacedSenders {
    private final List<Thread> threads = new ArrayList<>();
    private final List<LoadConnection> connections;
    private final AtomicLong skipped = new AtomicLong();

    private PacedSenders(List<LoadConnection> connections) {
        this.connections = connections;
    }

    /** Starts sending now; the schedule runs from {@code t0} to {@code end} (System.nanoTime). */
    static PacedSenders start(List<LoadConnection> connections, double perSecond, long t0, long end) {
        PacedSenders s = new PacedSenders(connections);
        int n = connections.size();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n));
        double nanosPerSubmit = 1e9 / perSecond;
        for (int k = 0; k < threads; k++) {
            int first = k;
            s.threads.add(Thread.ofPlatform().name("bench-paced-" + k).daemon(true).start(() -> {
                for (long j = first; ; j += threads) {
                    long due = t0 + (long) (j * nanosPerSubmit);
                    if (due >= end) break;
                    long wait = due - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    if (!connections.get((int) (j % n)).sendPaced(due)) s.skipped.incrementAndGet();
                }
            }));
        }
        return s;
    }

    /** Waits for the schedule to end, sends every connection its fence; returns the submits not sent. */
    long finish() throws InterruptedException {
        for (Thread t : threads) t.join();
        for (LoadConnection c : connections) c.sendFence();
        return skipped.get();
    }
}
