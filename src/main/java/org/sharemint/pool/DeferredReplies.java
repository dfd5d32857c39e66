package org.sharemint.pool;

import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

/**
 * The deferred reply mode: a validated share is registered with its connection, queued for
 * the mint worker (full queue: mint-busy at once) and given its own virtual thread that waits
 * for the outcome and writes the reply ({@link ShareReply}).
 */
final class DeferredReplies implements ShareSink {
    /** One fixed name: a per-share "share-N" cost a string concatenation per share (7% of the reader's samples). */
    private static final ThreadFactory SHARE_THREADS = Thread.ofVirtual().name("share").factory();

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
        SHARE_THREADS.newThread(new ShareReply(share, metrics, nanoTime)).start();
        return null;
    }
}
