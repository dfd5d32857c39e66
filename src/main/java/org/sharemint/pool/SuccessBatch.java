package org.sharemint.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.mint.QuoteResult;
import org.sharemint.wire.ShareQuote;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * Aggregates one channel's successes (share.batch-size, share.batch-max-delay-ms) into one
 * SubmitShares.Success: count, sum of target difficulties truncated, last sequence number.
 *
 * <p>Each share's ShareQuote is queued under the same lock as its place in the batch, so it is
 * always written before the success that covers it. The share thread that opens a batch waits
 * (at most the delay) for it to fill, and sends it itself if it did not; the thread whose share
 * fills the batch sends it at once. No timer, no callback.
 */
final class SuccessBatch {
    private final int channelId;
    private final ChannelOut out;
    private final int size;
    private final long maxDelayNanos;
    private final PoolMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private int count;
    private int lastSequence;
    private double sum;
    /** Completed when the batch it belongs to is sent or dropped. */
    private CompletableFuture<Void> open;

    SuccessBatch(int channelId, ChannelOut out, int size, long maxDelayNanos, PoolMetrics metrics) {
        this.channelId = channelId;
        this.out = out;
        this.size = size;
        this.maxDelayNanos = maxDelayNanos;
        this.metrics = metrics;
    }

    PoolMetrics metrics() {
        return metrics;
    }

    /**
     * Acknowledges one share whose quote is durable ({@code quote} is null only in the
     * bench-immediate-ack mode). May wait up to the batch delay when it opens a batch.
     */
    void add(PendingShare share, QuoteResult.Quote quote, long nowNanos) {
        awaitOrSend(enqueue(share, quote, nowNanos));
    }

    /**
     * {@link #add} without the wait: queues the share's ShareQuote (and the success, when the
     * batch is full) and returns the batch this share opened, which the caller must then pass
     * to {@link #awaitOrSend}; null when it opened none.
     */
    CompletableFuture<Void> enqueue(PendingShare share, QuoteResult.Quote quote, long nowNanos) {
        CompletableFuture<Void> opened = null;
        lock.lock();
        try {
            if (quote != null && share.announceQuote) {
                out.send(new ShareQuote(channelId, share.sequenceNumber, share.shareHash, quote.quoteId(),
                        quote.keysetId(), quote.amount()));
                metrics.shareQuotes.inc();
            }
            metrics.delayedResponses.inc();
            metrics.replyLatency.observe(nowNanos - share.receivedNanos);
            count++;
            sum += share.difficulty;
            lastSequence = share.sequenceNumber;
            if (count >= size || maxDelayNanos == 0) {
                sendLocked();
            } else if (count == 1) {
                open = new CompletableFuture<>();
                opened = open;
            }
        } finally {
            lock.unlock();
        }
        return opened;
    }

    /** Waits (at most the batch delay) for a batch opened by {@link #enqueue} to fill, else sends it. */
    void awaitOrSend(CompletableFuture<Void> batch) {
        if (batch == null) return;
        try {
            batch.get(maxDelayNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            flushIf(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            flushIf(batch);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch future is never completed exceptionally", e);
        }
    }

    private void flushIf(CompletableFuture<Void> batch) {
        lock.lock();
        try {
            if (open == batch && count > 0) sendLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Sends whatever is batched now (shutdown). */
    void flush() {
        lock.lock();
        try {
            if (count > 0) sendLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the batch (the connection or channel is gone) and releases the thread waiting on it. */
    void drop() {
        lock.lock();
        try {
            count = 0;
            sum = 0;
            if (open != null) open.complete(null);
            open = null;
        } finally {
            lock.unlock();
        }
    }

    private void sendLocked() {
        if (out.send(new SubmitSharesSuccess(channelId, lastSequence, count, (long) sum))) metrics.batchResponses.inc();
        count = 0;
        sum = 0;
        if (open != null) open.complete(null);
        open = null;
    }
}
