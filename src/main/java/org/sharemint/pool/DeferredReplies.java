package org.sharemint.pool;

import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

/**
 * The deferred reply mode: a validated share is registered with its channel (so a close settles
 * it), queued for the mint worker (full queue: mint-busy at once) and given its own virtual
 * thread that waits for the outcome and writes the reply ({@link ShareReply}).
 */
final class DeferredReplies implements ShareSink {
    /** One fixed name for every share thread: a name per share would cost a string per share on the hot path. */
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
    public Handoff accept(PendingShare share) {
        if (!share.channel.addPending(share)) return Handoff.TAKEN; // the channel closed: nobody to answer
        metrics.sharesPending.incrementAndGet();
        if (!worker.offer(share)) {
            share.channel.removePending(share);
            metrics.sharesPending.decrementAndGet();
            return Handoff.MINT_BUSY;
        }
        metrics.figures.valid(share);
        SHARE_THREADS.newThread(new ShareReply(share, metrics, nanoTime)).start();
        return Handoff.TAKEN;
    }
}
