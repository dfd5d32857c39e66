package org.sharemint.pool;

import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * What every kind of downstream (SV2 {@link Connection}, {@link Sv1Connection}) does with a share
 * the validator accepted: a block goes to the node first, then the share becomes a pending share
 * for the sink. One place, so the two protocols cannot drift apart on the share path.
 */
final class ShareIntake {
    private final PoolContext ctx;
    private final long mintTimeoutNanos;

    ShareIntake(PoolContext ctx) {
        this.ctx = ctx;
        this.mintTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(ctx.settings.mintTimeoutMs());
    }

    /**
     * Takes share {@code a} of {@code channel} (received at {@code now}); {@code where} names the
     * downstream in the log. Null when the sink took it, else the code of its refusal for the
     * caller to answer.
     */
    String take(String where, MiningChannel channel, int sequence, int jobId, int nonce, int ntime, int version, byte[] extranonce,
            ShareValidator.Accepted a, boolean ehash, long now) {
        return take(where, channel, channel.lockingKey(), null, sequence, jobId, nonce, ntime, version, extranonce, a, ehash, now);
    }

    /**
     * As above, the quote locked to {@code lockingKey} and the share counted for {@code worker}
     * (an SV1 connection's username's; null: the channel's) instead of the channel's.
     */
    String take(String where, MiningChannel channel, byte[] lockingKey, org.sharemint.monitor.WorkerStats worker, int sequence, int jobId,
            int nonce, int ntime, int version, byte[] extranonce, ShareValidator.Accepted a, boolean ehash, long now) {
        if (a.block()) {
            // before anything else about this share: the block goes to the node now, not after the mint
            ctx.jobs.blockFound(a.template(), channel.extranoncePrefix, extranonce, version, ntime, nonce, a.hash());
            ctx.metrics.blocksFound.inc();
            if (ctx.firstBlockOf(a.template().epoch())) {
                Logger.info("block found at height {}: channel {} on {}, job {}, {} leading zero bits", a.template().height(),
                        channel.id, where, jobId, a.leadingZeros());
            } else {
                Logger.debug("another block share at height {}: channel {} on {}, job {}", a.template().height(), channel.id, where, jobId);
            }
        }
        channel.countShare(now);
        // the mint honours a deadline through the whole millisecond it names: one ms early, so the
        // mint stops taking the share no later than this share's thread answers mint-timeout
        PendingShare share = new PendingShare(channel, sequence, a.hash(), a.amount(), lockingKey, a.difficulty(), ehash, now,
                now + mintTimeoutNanos, ctx.clock.millis() + ctx.settings.mintTimeoutMs() - 1);
        share.worker = worker;
        return switch (ctx.sink().accept(share)) {
            case ShareSink.Handoff.Taken _ -> {
                ctx.metrics.sharesReceived.inc("accepted");
                yield null;
            }
            case ShareSink.Handoff.Refused r -> r.code();
        };
    }
}
