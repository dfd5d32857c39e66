package org.sharemint.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.sharemint.mint.QuoteResult;

/**
 * The body of one pending share's virtual thread: wait for the outcome until the deadline,
 * then write the reply to the share's own connection — ShareQuote and the (possibly batched)
 * success, or mint-quote-failed, mint-timeout, pool-shutdown; nothing when the connection or
 * channel is gone. The thread holds the destination; there is no routing table. When it ends,
 * the share is gone from its connection's pending set.
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
        CompletableFuture<Void> openedBatch = null;
        try {
            try {
                openedBatch = reply(outcome());
            } finally {
                // the reply is queued: let the writer go (the batch delay below is not the writer's to wait)
                if (share.settledByWorker()) share.releaseReplies();
            }
            share.channel.batch.awaitOrSend(openedBatch);
        } finally {
            share.connection.removePending(share);
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
        Connection c = share.connection;
        int channel = share.channel.id;
        switch (share.state()) {
            case PendingShare.QUOTED -> {
                return share.channel.batch.enqueue(share, (QuoteResult.Quote) result, nanoTime.getAsLong());
            }
            case PendingShare.REFUSED -> c.replyError(channel, share.sequenceNumber,
                    ShareError.forRefusal(((QuoteResult.Refused) result).code()), share.receivedNanos);
            case PendingShare.TIMED_OUT -> {
                if (c.replyError(channel, share.sequenceNumber, ShareError.MINT_TIMEOUT, share.receivedNanos)) metrics.timeoutErrors.inc();
            }
            case PendingShare.SHUTDOWN -> {
                if (c.replyError(channel, share.sequenceNumber, ShareError.POOL_SHUTDOWN, share.receivedNanos)) metrics.shutdownErrors.inc();
            }
            default -> { } // ORPHANED: nobody to tell; a quote made for it stays in the ledger, locked to the channel's key
        }
        return null;
    }
}
