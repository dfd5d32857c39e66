package org.sharemint.bench;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
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
 * allows, flush, block for a reply). In paced mode the runner's few sender threads call
 * {@link #sendPaced} on a fixed schedule while {@link #runPacedReader} reads on this
 * connection's own thread, timing each reply from the moment its submit was due, so a late
 * send is charged to latency rather than hidden.
 *
 * <p>Threads: the sending side owns {@code nextSequence} and the share source (paced: under
 * {@code sendLock}); the reading side owns the {@link Stats}. {@code sentAt} (one slot per
 * sequence number modulo its length; FREE when nothing is pending there) is the only state
 * both touch, through an AtomicLongArray.
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
    /** Serializes the paced senders' writes to this connection. */
    private final Object sendLock = new Object();
    /** The fence submit's sequence number while one is in flight, else -1. */
    private final AtomicInteger fence = new AtomicInteger(-1);

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

    /** Nonces ground on demand so far (a timed phase that needed them spent generator CPU on it). */
    long groundLate() {
        return shares.groundLate();
    }

    int channelId() {
        return channelId;
    }

    boolean broken() {
        return broken || (openLoop != null && openLoop.broken());
    }

    /**
     * This connection as an {@link OpenLoopGenerator} endpoint: its socket turned non-blocking,
     * its submits numbered on from here and its nonces from its share source. Made once (after
     * that the socket serves only paced phases); null when the link cannot (Noise).
     */
    PacedEndpoint openLoop() throws IOException {
        if (openLoop == null && !broken && link instanceof PlainLink p && p.socket().getChannel() != null) {
            openLoop = new PacedEndpoint(p.socket().getChannel(), p.submitTemplate(), shares::next, nextSequence, p.takeBuffered());
        }
        return openLoop;
    }

    private PacedEndpoint openLoop;

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
     * Paced mode, sending side: one submit due at {@code due} (System.nanoTime), called by the
     * runner's sender threads; its latency counts from {@code due}, so a late send is charged
     * to the reply. False when the submit cannot go (its ring slot is still pending: the pool
     * is that far behind, or the connection broke).
     */
    boolean sendPaced(long due) {
        synchronized (sendLock) {
            int seq = nextSequence;
            if (broken || sentAt.get(slot(seq)) != FREE) return false;
            try {
                sentAt.set(slot(seq), due);
                link.submit(seq, shares.next());
                link.flush();
                nextSequence = seq + 1;
                return true;
            } catch (IOException | RuntimeException e) {
                broken = true;
                closeQuietly();
                return false;
            }
        }
    }

    /**
     * Paced mode: after the last scheduled submit, a submit with a job id the pool never issued,
     * whose immediate error tells {@link #runPacedReader} that nothing more will come.
     */
    void sendFence() {
        synchronized (sendLock) {
            int seq = nextSequence;
            for (int i = 0; i < 100 && sentAt.get(slot(seq)) != FREE && !broken; i++) LockSupport.parkNanos(1_000_000);
            if (broken || sentAt.get(slot(seq)) != FREE) return; // the reader ends at the drain deadline or read timeout
            try {
                sentAt.set(slot(seq), System.nanoTime());
                fence.set(seq);
                link.send(new SubmitSharesStandard(channelId, seq, FENCE_JOB_ID, 0, 0, 0));
                link.flush();
                nextSequence = seq + 1;
            } catch (IOException | RuntimeException e) {
                broken = true;
                closeQuietly();
            }
        }
    }

    /** Paced mode, reading side: accounts replies until the fence's error (or the drain deadline). */
    Stats runPacedReader(Phase phase) {
        Stats st = new Stats();
        long before = shares.groundLate();
        int outstanding = 0;
        try {
            while (true) {
                Message m = link.read();
                if (m instanceof SubmitSharesError e && e.sequenceNumber() == fence.get()) {
                    sentAt.set(slot(e.sequenceNumber()), FREE);
                    fence.set(-1);
                    break;
                }
                handle(m, phase, st);
                if (System.nanoTime() > phase.drainDeadline()) {
                    outstanding = pending();
                    st.unanswered += outstanding;
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(st, e, pending());
        }
        st.groundLate = shares.groundLate() - before;
        return st;
    }

    /** Submits sent and not answered (ring slots in use). */
    private int pending() {
        int n = 0;
        for (int i = 0; i <= mask; i++) if (sentAt.get(i) != FREE) n++;
        return n;
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
