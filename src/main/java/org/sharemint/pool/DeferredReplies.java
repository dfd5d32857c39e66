package org.sharemint.pool;

import java.util.function.LongSupplier;

/**
 * The deferred reply mode: a validated share is registered with its connection, queued for
 * the mint worker (full queue: mint-busy at once) and given its own virtual thread that waits
 * for the outcome and writes the reply ({@link ShareReply}).
 */
final class DeferredReplies implements ShareSink {
    private final MintWorker worker;
    private final PoolMetrics metrics;
    private final LongSupplier nanoTime;

    DeferredReplies(MintWorker worker, PoolMetrics metrics, LongSupplier nanoTime) {
        this.worker = worker;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
    }

    @Override
    public String accept(PendingShare share) {
        // registered first, so a close from now on settles it
        if (!share.connection.addPending(share)) return null;
        metrics.sharesPending.incrementAndGet();
        if (!worker.offer(share)) {
            share.connection.removePending(share);
            metrics.sharesPending.decrementAndGet();
            return ShareError.MINT_BUSY;
        }
        // one fixed name: a per-share "share-N" cost a string concatenation per share (7% of the reader's samples)
        Thread.ofVirtual().name("share").start(new ShareReply(share, metrics, nanoTime));
        return null;
    }
}
