package org.sharemint.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The paced (open-loop) load: submits leave on a fixed schedule whatever the replies do. A few
 * platform sender threads each own a share of the connections and walk their own schedule,
 * submit m of thread k due at t0 + (k + m * T) / rate on its connections in turn, writing every
 * submit that is due (a thread that wakes late sends the backlog at once; the latency still
 * counts from each due time). A few receiver threads each watch their share of the connections
 * with a Selector. Its cost per share is a patched 30-byte frame, a write, and a read shared by
 * whatever replies arrived together.
 */
final class OpenLoopGenerator {
    private final List<PacedEndpoint> endpoints;
    private final int senders;
    private final int receivers;

    OpenLoopGenerator(List<PacedEndpoint> endpoints, int senders, int receivers) {
        this.endpoints = endpoints;
        this.senders = Math.max(1, Math.min(senders, endpoints.size()));
        this.receivers = Math.max(1, Math.min(receivers, endpoints.size()));
    }

    /** The default thread counts: one sender and one receiver per core, at most two of each. */
    static OpenLoopGenerator of(List<PacedEndpoint> endpoints) {
        int t = Math.min(2, Runtime.getRuntime().availableProcessors());
        return new OpenLoopGenerator(endpoints, t, t);
    }

    /**
     * What one run saw.
     *
     * @param offered submits scheduled in the measured interval
     * @param skipped scheduled submits not sent (their connection had a whole ring pending, or broke)
     * @param unanswered submits still pending at the drain deadline
     * @param threadCpuSeconds CPU time of the generator's own sender and receiver threads over the whole run
     */
    record Result(LatencyHistogram latency, long accepted, Map<String, Long> errors, long quotes, long offered, long skipped, long unanswered,
            long targetChanges, long newJobs, int failures, String failure, double threadCpuSeconds) {}

    /**
     * Runs the schedule from {@code t0} to {@code measureEnd} at {@code perSecond} in all and
     * waits until every submit is answered or {@code drainDeadline} passes (System.nanoTime).
     */
    Result run(double perSecond, long t0, long measureStart, long measureEnd, long drainDeadline) throws IOException, InterruptedException {
        List<PacedEndpoint> live = endpoints.stream().filter(e -> !e.broken()).toList();
        for (PacedEndpoint e : live) e.reset();
        int n = live.size();
        AtomicLong skipped = new AtomicLong();
        AtomicLong offered = new AtomicLong();
        AtomicLong pending = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Thread> threads = new ArrayList<>();
        List<Selector> selectors = new ArrayList<>();
        PacedEndpoint.Tally[] tallies = new PacedEndpoint.Tally[receivers];
        double[] cpu = new double[senders + receivers];
        try {
            for (int r = 0; r < receivers; r++) {
                Selector sel = Selector.open();
                selectors.add(sel);
                for (int i = r; i < n; i += receivers) live.get(i).channel.register(sel, SelectionKey.OP_READ, live.get(i));
                PacedEndpoint.Tally t = tallies[r] = new PacedEndpoint.Tally();
                int index = senders + r;
                threads.add(Thread.ofPlatform().name("bench-receiver-" + r).daemon(true).start(() -> {
                    receive(sel, t, pending, sending, measureStart, measureEnd, drainDeadline);
                    cpu[index] = mx.getCurrentThreadCpuTime() / 1e9;
                }));
            }
            for (int k = 0; k < senders; k++) {
                List<PacedEndpoint> mine = new ArrayList<>();
                for (int i = k; i < n; i += senders) mine.add(live.get(i));
                int first = k;
                threads.add(Thread.ofPlatform().name("bench-sender-" + k).daemon(true).start(() -> {
                    send(mine, first, perSecond, t0, measureStart, measureEnd, skipped, offered, pending);
                    cpu[first] = mx.getCurrentThreadCpuTime() / 1e9;
                }));
            }
            for (Thread t : threads.subList(receivers, threads.size())) t.join();
            sending.set(false);
            for (Thread t : threads.subList(0, receivers)) t.join();
        } finally {
            sending.set(false);
            for (Selector s : selectors) s.close(); // deregisters the channels; a later run registers them anew
            for (Thread t : threads) t.join(5_000);
        }
        PacedEndpoint.Tally total = new PacedEndpoint.Tally();
        Map<String, Long> errors = new TreeMap<>();
        for (PacedEndpoint.Tally t : tallies) {
            total.latency.add(t.latency);
            total.accepted += t.accepted;
            total.quotes += t.quotes;
            total.targetChanges += t.targetChanges;
            total.newJobs += t.newJobs;
            total.failures += t.failures;
            if (total.failure == null) total.failure = t.failure;
            t.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        }
        long unanswered = 0;
        for (PacedEndpoint e : live) unanswered += e.pending();
        double threadCpu = 0;
        for (double c : cpu) threadCpu += c;
        return new Result(total.latency, total.accepted, errors, total.quotes, offered.get(), skipped.get(), unanswered, total.targetChanges,
                total.newJobs, total.failures, total.failure, threadCpu);
    }

    /** Sender k: submit m due at t0 + (k + m * senders) / rate, on its connections in turn. */
    private void send(List<PacedEndpoint> mine, int k, double perSecond, long t0, long measureStart, long measureEnd,
            AtomicLong skipped, AtomicLong offered, AtomicLong pending) {
        double step = 1e9 / perSecond;
        int size = mine.size();
        List<PacedEndpoint> behind = new ArrayList<>();
        long m = 0;
        while (true) {
            long due = PacedSchedule.due(t0, step, senders, k, m);
            if (due >= measureEnd) break;
            long now = System.nanoTime();
            if (due > now) {
                // finish partial writes while there is time, then sleep until the next submit is due
                if (!behind.isEmpty()) flushBehind(behind);
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
            }
            PacedEndpoint e = mine.get((int) (m % size));
            boolean inMeasure = due >= measureStart;
            if (inMeasure) offered.incrementAndGet();
            if (e.send(due)) {
                pending.incrementAndGet();
                if (e.unwritten() && !behind.contains(e)) behind.add(e);
            } else if (inMeasure) {
                skipped.incrementAndGet();
            }
            m++;
        }
        long end = System.nanoTime() + 5_000_000_000L;
        while (!behind.isEmpty() && System.nanoTime() < end) {
            flushBehind(behind);
            if (!behind.isEmpty()) LockSupport.parkNanos(100_000);
        }
    }

    private static void flushBehind(List<PacedEndpoint> behind) {
        behind.removeIf(e -> {
            try {
                e.flush();
                return !e.unwritten();
            } catch (IOException | RuntimeException x) {
                return true; // the receiver sees the broken connection
            }
        });
    }

    /** Receiver: reads until sending has ended and nothing is pending, or the drain deadline. */
    private static void receive(Selector sel, PacedEndpoint.Tally t, AtomicLong pending, java.util.concurrent.atomic.AtomicBoolean sending,
            long measureStart, long measureEnd, long drainDeadline) {
        try {
            while (true) {
                sel.select(10);
                for (SelectionKey key : sel.selectedKeys()) {
                    PacedEndpoint e = (PacedEndpoint) key.attachment();
                    int answered = e.receive(measureStart, measureEnd, t);
                    if (answered > 0) pending.addAndGet(-answered);
                    if (answered < 0) {
                        key.cancel();
                        pending.addAndGet(-e.pending()); // counted as unanswered at the end
                    }
                }
                sel.selectedKeys().clear();
                if (!sending.get() && (pending.get() <= 0 || System.nanoTime() > drainDeadline)) return;
                if (System.nanoTime() > drainDeadline + 1_000_000_000L) return;
            }
        } catch (IOException | ClosedSelectorException e) {
            t.failures++;
            if (t.failure == null) t.failure = e.toString();
        }
    }
}
