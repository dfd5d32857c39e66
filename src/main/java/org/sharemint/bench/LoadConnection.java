package org.sharemint.bench;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SetTarget;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * One generator connection with an open standard channel and a job to submit shares on.
 * {@link #runClosed} keeps W submits outstanding from a single thread (write what the window
 * allows, flush, block for a reply); {@link #runPaced} sends on a fixed schedule from a writer
 * thread while the calling thread reads, and times each reply from the moment its submit was
 * due, so a late send is charged to latency rather than hidden.
 *
 * <p>Threads: the sending side owns {@code nextSequence} and the share source; the reading side
 * owns the {@link Stats}. {@code sentAt} (one slot per sequence number modulo its length; FREE
 * when nothing is pending there) is the only state both touch, through an AtomicLongArray.
 */
final class LoadConnection implements Closeable {
    private static final long FREE = Long.MIN_VALUE;
    /** A job id the pool never issues: a submit on it is answered at once with an error. */
    private static final int FENCE_JOB_ID = 0xFFFF_FFFF;

    private final Link link;
    private final int channelId;
    private final ShareSource shares;
    private final AtomicLongArray sentAt;
    private final int mask;
    /** Sequence numbers covered by ShareQuote but not yet by a success (reader-owned). */
    private final int[] quoted;
    private int quotedCount;
    private int nextSequence;
    private volatile boolean broken;

    LoadConnection(Link link, int channelId, ShareSource shares, int maxWindow) {
        this.link = link;
        this.channelId = channelId;
        this.shares = shares;
        int ring = Integer.highestOneBit(Math.max(64, maxWindow * 8) - 1) << 1;
        this.sentAt = new AtomicLongArray(ring);
        for (int i = 0; i < ring; i++) sentAt.set(i, FREE);
        this.mask = ring - 1;
        this.quoted = new int[ring];
    }

    /** The measured interval and the time by which outstanding submits must be answered (System.nanoTime). */
    record Phase(long measureStart, long measureEnd, long drainDeadline) {
        boolean measured(long t) {
            return t >= measureStart && t < measureEnd;
        }
    }

    /** What one connection saw in one phase; merged by the runner. */
    static final class Stats {
        final LatencyHistogram latency = new LatencyHistogram();
        final Map<String, Long> errors = new HashMap<>();
        long accepted;
        long quotes;
        long targetChanges;
        long newJobs;
        long unanswered;
        long groundLate;
        String failure;
    }

    /** Grinds nonces until {@code count} are ready (between phases: the connection is idle). */
    void prepare(int count) {
        shares.prepare(count);
    }

    int channelId() {
        return channelId;
    }

    boolean broken() {
        return broken;
    }

    /** Keeps {@code window} submits outstanding until the phase ends, then waits for the last replies. */
    Stats runClosed(Phase phase, int window) {
        Stats st = new Stats();
        long before = shares.groundLate();
        int outstanding = 0;
        try {
            while (true) {
                long now = System.nanoTime();
                boolean sending = now < phase.measureEnd();
                if (sending) {
                    int first = nextSequence, n = 0;
                    while (outstanding + n < window && sentAt.get(slot(first + n)) == FREE) {
                        link.submit(first + n, shares.next());
                        n++;
                    }
                    if (n > 0) {
                        long t = System.nanoTime();
                        for (int i = 0; i < n; i++) sentAt.set(slot(first + i), t);
                        nextSequence = first + n;
                        outstanding += n;
                        link.flush();
                    }
                }
                if (outstanding == 0) {
                    if (!sending) break;
                    continue;
                }
                if (!sending && now > phase.drainDeadline()) {
                    st.unanswered += outstanding;
                    break;
                }
                outstanding -= handle(link.read(), phase, st);
                // replies that came in the same read are handled before the next write
                while (link.hasBuffered()) outstanding -= handle(link.read(), phase, st);
            }
        } catch (IOException | RuntimeException e) {
            fail(st, e, outstanding);
        }
        st.groundLate = shares.groundLate() - before;
        return st;
    }

    /**
     * Sends one submit every {@code intervalNanos} from {@code firstDue} until the phase ends, at
     * most {@code window} outstanding, with a writer virtual thread; this thread reads. The last
     * submit is a fence with an unknown job id, whose immediate error tells the reader the writer
     * is done.
     */
    Stats runPaced(Phase phase, int window, long firstDue, long intervalNanos) {
        Stats st = new Stats();
        long before = shares.groundLate();
        Semaphore permits = new Semaphore(window);
        AtomicInteger fence = new AtomicInteger(-1);
        Thread writer = Thread.ofVirtual().name("bench-writer-" + channelId).start(() -> {
            try {
                for (long due = firstDue; due < phase.measureEnd() && !broken; due += intervalNanos) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    // a pool that stopped answering must not hold the writer past the drain deadline
                    if (!permits.tryAcquire(Math.max(0, phase.drainDeadline() - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
                    int seq = nextSequence;
                    while (sentAt.get(slot(seq)) != FREE) LockSupport.parkNanos(100_000);
                    sentAt.set(slot(seq), due);
                    link.submit(seq, shares.next());
                    link.flush();
                    nextSequence = seq + 1;
                }
                int seq = nextSequence++;
                while (sentAt.get(slot(seq)) != FREE) LockSupport.parkNanos(100_000);
                sentAt.set(slot(seq), System.nanoTime());
                fence.set(seq);
                link.send(new SubmitSharesStandard(channelId, seq, FENCE_JOB_ID, 0, 0, 0));
                link.flush();
            } catch (IOException | RuntimeException e) {
                broken = true;
                closeQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            while (true) {
                Message m = link.read();
                if (m instanceof SubmitSharesError e && fence.get() >= 0 && e.sequenceNumber() == fence.get()) {
                    sentAt.set(slot(e.sequenceNumber()), FREE);
                    break;
                }
                int done = handle(m, phase, st);
                if (done > 0) permits.release(done);
                if (System.nanoTime() > phase.drainDeadline()) {
                    st.unanswered += window - permits.availablePermits();
                    break;
                }
            }
            joinWriter(writer);
        } catch (IOException | RuntimeException e) {
            fail(st, e, window - permits.availablePermits());
            joinWriter(writer);
        }
        st.groundLate = shares.groundLate() - before;
        return st;
    }

    /** The writer ends by itself once the schedule is over; a stuck one is interrupted. */
    private static void joinWriter(Thread writer) {
        try {
            if (!writer.join(java.time.Duration.ofSeconds(5))) {
                writer.interrupt();
                writer.join(java.time.Duration.ofSeconds(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Accounts one message from the pool; returns how many pending submits it answered. */
    private int handle(Message m, Phase phase, Stats st) {
        long now = System.nanoTime();
        boolean measured = phase.measured(now);
        switch (m) {
            case SubmitSharesSuccess s -> {
                int n = completeSuccess(s, now, measured ? st : null);
                if (measured) st.accepted += s.newSubmitsAcceptedCount();
                return n;
            }
            case SubmitSharesError e -> {
                int n = complete(e.sequenceNumber(), now, measured ? st : null);
                if (measured) st.errors.merge(e.errorCode(), 1L, Long::sum);
                return n;
            }
            case ShareQuote q -> {
                if (quotedCount < quoted.length) quoted[quotedCount++] = q.sequenceNumber();
                if (measured) st.quotes++;
                return 0;
            }
            case SetTarget t -> {
                st.targetChanges++;
                return 0;
            }
            case NewMiningJob j -> {
                st.newJobs++;
                return 0;
            }
            case SetNewPrevHash p -> {
                st.newJobs++;
                return 0;
            }
            default -> {
                return 0;
            }
        }
    }

    /**
     * A success covers new_submits_accepted_count submits. With the ehash extension their
     * ShareQuotes came first and name them exactly; without it, last_sequence_number and then
     * the newest pending submits below it are taken.
     */
    private int completeSuccess(SubmitSharesSuccess s, long now, Stats st) {
        int want = s.newSubmitsAcceptedCount();
        int done = 0;
        for (int i = 0; i < quotedCount && done < want; i++) done += complete(quoted[i], now, st);
        quotedCount = 0;
        if (done < want) done += complete(s.lastSequenceNumber(), now, st);
        for (int seq = s.lastSequenceNumber() - 1; done < want && seq != s.lastSequenceNumber() - mask; seq--) {
            done += complete(seq, now, st);
        }
        return done;
    }

    private int complete(int seq, long now, Stats st) {
        int slot = slot(seq);
        long sent = sentAt.get(slot);
        if (sent == FREE) return 0;
        sentAt.set(slot, FREE);
        if (st != null) st.latency.record(now - sent);
        return 1;
    }

    private int slot(int seq) {
        return seq & mask;
    }

    private void fail(Stats st, Exception e, int outstanding) {
        broken = true;
        st.failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        st.unanswered += Math.max(0, outstanding);
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            link.close();
        } catch (IOException e) {
            org.tinylog.Logger.debug("closing channel {}: {}", channelId, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        link.close();
    }
}
