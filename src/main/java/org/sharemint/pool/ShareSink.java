package org.sharemint.pool;

/**
 * Where a validated share goes. The reply mode is an object, not a branch on the hot path:
 * {@link DeferredReplies} (the mint, then the reply), {@link ImmediateAck} (benchmarks only) or
 * {@link Refusing} (shutting down).
 */
interface ShareSink {
    /** Takes the share; null when it is now in hand, else the error code to answer at once. */
    String accept(PendingShare share);

    /** Shutting down: every validated share is answered pool-shutdown at once. */
    final class Refusing implements ShareSink {
        @Override
        public String accept(PendingShare share) {
            return ShareError.POOL_SHUTDOWN;
        }
    }

    /**
     * share.reply-mode=bench-immediate-ack: Success at once, no mint, no quote. Measures the
     * pool without the ledger; never for real miners (their shares would earn nothing).
     */
    final class ImmediateAck implements ShareSink {
        private final java.util.function.LongSupplier nanoTime;

        ImmediateAck(java.util.function.LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
        }

        @Override
        public String accept(PendingShare share) {
            share.channel.batch.add(share, null, nanoTime.getAsLong());
            return null;
        }
    }
}
