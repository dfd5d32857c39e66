package org.sharemint.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;

/**
 * A validated share waiting for its quote. Exactly one party settles it, through one
 * compare-and-set on {@code state}:
 * <ul>
 *   <li>the mint worker claims it (PENDING -> AT_MINT) just before sending it to the mint, and
 *       settles it with the mint's answer (AT_MINT -> QUOTED or REFUSED);
 *   <li>the share's own waiting thread when the deadline passes (PENDING or AT_MINT ->
 *       TIMED_OUT): the race with the mint's commit is this one CAS, and a quote the mint
 *       returns after it is never announced;
 *   <li>shutdown, once the drain period is over (PENDING -> SHUTDOWN): only shares not yet at
 *       the mint, so none of them can get a quote; those at the mint keep their deadline;
 *   <li>the connection or channel closing (PENDING or AT_MINT -> ORPHANED): nobody is left to
 *       tell, but the mint still makes its quote (the work was valid; see MintWorker).
 * </ul>
 * Whoever settles it completes the one-shot future, which wakes the waiting thread. Only the
 * waiting thread writes to the connection.
 */
final class PendingShare {
    static final int PENDING = 0;
    static final int AT_MINT = 6;
    static final int QUOTED = 1;
    static final int REFUSED = 2;
    static final int TIMED_OUT = 3;
    static final int SHUTDOWN = 4;
    static final int ORPHANED = 5;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PendingShare.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Connection connection;
    final MiningChannel channel;
    final int sequenceNumber;
    final byte[] shareHash;
    final long amount;
    final byte[] lockingKey;
    /** Target difficulty of the share's job, for new_shares_sum. */
    final double difficulty;
    final long receivedNanos;
    final long deadlineNanos;
    final long deadlineUnixMs;
    private volatile int state = PENDING;
    /** Set by the worker before it settles the share: it holds the connection's writer for this reply. */
    private boolean repliesHeld;
    private final CompletableFuture<QuoteResult> result = new CompletableFuture<>();
    /** Completed by the waiting thread once its reply (if any) is queued and the share is forgotten. */
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    PendingShare(Connection connection, MiningChannel channel, int sequenceNumber, byte[] shareHash, long amount,
            byte[] lockingKey, double difficulty, long receivedNanos, long deadlineNanos, long deadlineUnixMs) {
        this.connection = connection;
        this.channel = channel;
        this.sequenceNumber = sequenceNumber;
        this.shareHash = shareHash;
        this.amount = amount;
        this.lockingKey = lockingKey;
        this.difficulty = difficulty;
        this.receivedNanos = receivedNanos;
        this.deadlineNanos = deadlineNanos;
        this.deadlineUnixMs = deadlineUnixMs;
    }

    QuoteRequest request() {
        return new QuoteRequest(shareHash, amount, "hash", lockingKey, deadlineUnixMs);
    }

    int state() {
        return state;
    }

    /**
     * Worker: claims the share for a mint request. False when it was settled already (told
     * mint-timeout or pool-shutdown: it must not be sent; or orphaned: see {@link #orphaned()}).
     */
    boolean claim() {
        return STATE.compareAndSet(this, PENDING, AT_MINT);
    }

    /** Worker: records the mint's answer if nobody settled the share meanwhile. */
    boolean complete(QuoteResult r) {
        int to = r instanceof QuoteResult.Quote ? QUOTED : REFUSED;
        if (!STATE.compareAndSet(this, AT_MINT, to)) return false;
        result.complete(r);
        return true;
    }

    /**
     * Worker, before {@link #complete}: holds the connection's writer until this share's reply
     * is queued. Released by the reply thread when the worker settled the share, else by the
     * worker ({@link #releaseReplies}).
     */
    void holdReplies() {
        repliesHeld = true;
        connection.holdReplies();
    }

    /** Ends the hold of {@link #holdReplies}, if one was taken; call once. */
    void releaseReplies() {
        if (repliesHeld) connection.releaseReplies();
    }

    /** Reply thread, once settled: whether the worker settled it, so the hold is its to release. */
    boolean settledByWorker() {
        int s = state;
        return s == QUOTED || s == REFUSED;
    }

    /** Waiting thread: the deadline passed; true when this call won the race. */
    boolean timeOut() {
        return settle(PENDING, TIMED_OUT) || settle(AT_MINT, TIMED_OUT);
    }

    /** Shutdown after the drain period: only a share not yet at the mint. */
    boolean shutDown() {
        return settle(PENDING, SHUTDOWN);
    }

    /** The connection or the channel closed. */
    boolean orphan() {
        return settle(PENDING, ORPHANED) || settle(AT_MINT, ORPHANED);
    }

    boolean orphaned() {
        return state == ORPHANED;
    }

    private boolean settle(int from, int to) {
        if (!STATE.compareAndSet(this, from, to)) return false;
        result.complete(null);
        return true;
    }

    /** Waits until settled or {@code nanos} pass; the result (null unless QUOTED or REFUSED). */
    QuoteResult await(long nanos) throws TimeoutException, InterruptedException {
        try {
            return result.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the result future is never completed exceptionally", e);
        }
    }

    void markDone() {
        done.complete(null);
    }

    /** Waits up to {@code nanos} for the waiting thread to finish; true when it did. */
    boolean awaitDone(long nanos) throws InterruptedException {
        try {
            done.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the done future is never completed exceptionally", e);
        }
    }

    /** The result once settled (the winner completes the future right after its CAS). */
    QuoteResult join() {
        return result.join();
    }
}
