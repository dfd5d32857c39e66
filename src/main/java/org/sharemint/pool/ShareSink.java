package org.sharemint.pool;

import java.util.function.LongSupplier;

/**
 * Where a validated share goes. The reply mode is an object, not a branch on the hot path:
 * {@link DeferredReplies} (the mint, then the reply), {@link ImmediateAck} (benchmarks only) or
 * {@link Refusing} (shutting down).
 */
interface ShareSink {
    /** Takes the share, or refuses it with the error to answer at once. */
    Handoff accept(PendingShare share);

    /** What became of a share handed to a sink. */
    sealed interface Handoff {
        /** In hand: its reply comes later, from its own thread (none if its channel is closed: nobody to tell). */
        Taken TAKEN = new Taken();
        Refused MINT_BUSY = new Refused(ShareError.MINT_BUSY);
        Refused POOL_SHUTDOWN = new Refused(ShareError.POOL_SHUTDOWN);

        record Taken() implements Handoff {}

        /** Not taken: the connection answers SubmitShares.Error with {@code code} now. */
        record Refused(String code) implements Handoff {}
    }

    /** Shutting down: every validated share is answered pool-shutdown at once. */
    final class Refusing implements ShareSink {
        @Override
        public Handoff accept(PendingShare share) {
            return Handoff.POOL_SHUTDOWN;
        }
    }

    /**
     * share.reply-mode=bench-immediate-ack: Success at once, no mint, no quote. Measures the
     * pool without the ledger; never for real miners (their shares would earn nothing).
     */
    final class ImmediateAck implements ShareSink {
        private final LongSupplier nanoTime;

        ImmediateAck(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
        }

        @Override
        public Handoff accept(PendingShare share) {
            long now = nanoTime.getAsLong();
            share.channel.batch.add(share, null, now);
            share.channel.batch.metrics().figures.valid(share);
            share.channel.batch.metrics().figures.accepted(share, null, now - share.receivedNanos);
            return Handoff.TAKEN;
        }
    }
}
