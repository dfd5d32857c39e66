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
 * waiting thread writes the reply, to the share's own channel.
 */
final class PendingShare {
    /**
     * A share's life, in order: {@link #PENDING}, then {@link #AT_MINT} once the worker claims it,
     * then exactly one of the outcomes after it. An outcome is final.
     */
    enum State {
        /** Queued for the mint worker. */
        PENDING,
        /** Claimed by the worker: in a createQuotes call now. */
        AT_MINT,
        /** The mint made its quote (durable): the reply is ShareQuote and a success. */
        QUOTED,
        /** The mint refused it: mint-quote-failed. */
        REFUSED,
        /** The deadline passed first: mint-timeout, and no quote is ever announced. */
        TIMED_OUT,
        /** Shutdown took it before the mint did: pool-shutdown. */
        SHUTDOWN,
        /** Its channel or connection closed: nobody to tell. */
        ORPHANED;

        /** Whether this is an outcome (every state after AT_MINT). */
        boolean settled() {
            return compareTo(AT_MINT) > 0;
        }
    }

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PendingShare.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The channel that submitted it: the only place its reply goes. */
    final MiningChannel channel;
    final int sequenceNumber;
    final byte[] shareHash;
    final long amount;
    final byte[] lockingKey;
    /** Target difficulty of the share's job, for new_shares_sum. */
    final double difficulty;
    /** Whether its connection negotiated the ehash extension when it submitted: a ShareQuote goes before the success. */
    final boolean announceQuote;
    final long receivedNanos;
    final long deadlineNanos;
    final long deadlineUnixMs;
    /** Its worker in the monitor's figures when not its channel's (an SV1 connection's username); set before it is handed off. */
    org.sharemint.monitor.WorkerStats worker;
    private volatile State state = State.PENDING;
    private final CompletableFuture<QuoteResult> result = new CompletableFuture<>();
    /** Completed by the waiting thread once its reply (if any) is queued and the share is forgotten. */
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    PendingShare(MiningChannel channel, int sequenceNumber, byte[] shareHash, long amount, byte[] lockingKey, double difficulty,
            boolean announceQuote, long receivedNanos, long deadlineNanos, long deadlineUnixMs) {
        this.channel = channel;
        this.sequenceNumber = sequenceNumber;
        this.shareHash = shareHash;
        this.amount = amount;
        this.lockingKey = lockingKey;
        this.difficulty = difficulty;
        this.announceQuote = announceQuote;
        this.receivedNanos = receivedNanos;
        this.deadlineNanos = deadlineNanos;
        this.deadlineUnixMs = deadlineUnixMs;
    }

    QuoteRequest request() {
        return new QuoteRequest(shareHash, amount, "hash", lockingKey, deadlineUnixMs);
    }

    State state() {
        return state;
    }

    /**
     * Worker: claims the share for a mint request. False when it was settled already (told
     * mint-timeout or pool-shutdown: it must not be sent; or orphaned: see {@link #orphaned()}).
     */
    boolean claim() {
        return STATE.compareAndSet(this, State.PENDING, State.AT_MINT);
    }

    /** Worker: records the mint's answer if nobody settled the share meanwhile. */
    boolean complete(QuoteResult r) {
        State to = r instanceof QuoteResult.Quote ? State.QUOTED : State.REFUSED;
        if (!STATE.compareAndSet(this, State.AT_MINT, to)) return false;
        result.complete(r);
        return true;
    }

    /** Waiting thread: the deadline passed; true when this call won the race. */
    boolean timeOut() {
        return settle(State.PENDING, State.TIMED_OUT) || settle(State.AT_MINT, State.TIMED_OUT);
    }

    /** Shutdown after the drain period: only a share not yet at the mint. */
    boolean shutDown() {
        return settle(State.PENDING, State.SHUTDOWN);
    }

    /** The connection or the channel closed. */
    boolean orphan() {
        return settle(State.PENDING, State.ORPHANED) || settle(State.AT_MINT, State.ORPHANED);
    }

    boolean orphaned() {
        return state == State.ORPHANED;
    }

    private boolean settle(State from, State to) {
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
