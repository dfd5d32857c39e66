package org.sharemint.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.sharemint.mint.QuoteResult;
import org.sharemint.pool.PendingShare.State;
import org.sharemint.wire.SubmitSharesError;

/**
 * The body of one pending share's virtual thread: wait for the outcome until the deadline,
 * then queue the reply on the share's own channel — ShareQuote and the (possibly batched)
 * success, or mint-quote-failed, mint-timeout, pool-shutdown; nothing when the channel is
 * gone. The thread holds the destination; there is no routing table. When it ends, the share
 * is gone from its channel's pending set. When the reply leaves is the connection's
 * {@link Outbound}'s business.
 */
final class ShareReply implements Runnable {
    private final PendingShare share;
    private final PoolMetrics metrics;
    private final LongSupplier nanoTime;

    ShareReply(PendingShare share, PoolMetrics metrics, LongSupplier nanoTime) {
        this.share = share;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
    }

    @Override
    public void run() {
        try {
            share.channel.batch.awaitOrSend(reply(outcome()));
        } finally {
            share.channel.removePending(share);
            metrics.sharesPending.decrementAndGet();
            share.markDone();
        }
    }

    /** Waits for the settling CAS (the worker's, or ours at the deadline) and returns the result. */
    private QuoteResult outcome() {
        try {
            return share.await(share.deadlineNanos - nanoTime.getAsLong());
        } catch (TimeoutException e) {
            if (share.timeOut()) metrics.quotesTimedOut.inc();
            return share.join(); // settled now: by us (TIMED_OUT) or by the worker an instant ago
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!share.shutDown()) share.orphan(); // nobody waits for it any more
            return share.join();
        }
    }

    /** Queues the reply; returns the success batch this share opened (to wait for), if any. */
    private CompletableFuture<Void> reply(QuoteResult result) {
        ChannelOut out = share.channel.out;
        int channel = share.channel.id;
        State state = share.state();
        if (state == State.REFUSED || state == State.TIMED_OUT || state == State.SHUTDOWN) metrics.figures.refusedAfterTaken(share);
        switch (state) {
            case QUOTED -> {
                long now = nanoTime.getAsLong();
                metrics.figures.accepted(share, (QuoteResult.Quote) result, now - share.receivedNanos);
                return share.channel.batch.enqueue(share, (QuoteResult.Quote) result, now);
            }
            case REFUSED -> error(out, metrics, channel, share.sequenceNumber, ShareError.forRefusal(((QuoteResult.Refused) result).code()), share.receivedNanos,
                    nanoTime.getAsLong());
            case TIMED_OUT -> {
                if (error(out, metrics, channel, share.sequenceNumber, ShareError.MINT_TIMEOUT, share.receivedNanos, nanoTime.getAsLong())) {
                    metrics.timeoutErrors.inc();
                }
            }
            case SHUTDOWN -> {
                if (error(out, metrics, channel, share.sequenceNumber, ShareError.POOL_SHUTDOWN, share.receivedNanos, nanoTime.getAsLong())) {
                    metrics.shutdownErrors.inc();
                }
            }
            case ORPHANED -> { } // nobody to tell; a quote made for it stays in the ledger, locked to the channel's key
            case PENDING, AT_MINT -> throw new IllegalStateException("reply before the share is settled: " + share.state());
        }
        return null;
    }

    /**
     * Queues SubmitShares.Error for one share and observes its reply latency; false when the
     * connection is gone. Also the connection's path for a share refused at once.
     */
    static boolean error(ChannelOut out, PoolMetrics metrics, int channelId, int sequence, String code, long receivedNanos, long nowNanos) {
        boolean sent = out.send(new SubmitSharesError(channelId, sequence, code));
        metrics.replyLatency.observe(nowNanos - receivedNanos);
        return sent;
    }
}
