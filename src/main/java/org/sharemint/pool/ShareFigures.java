package org.sharemint.pool;

import java.util.HexFormat;
import org.sharemint.monitor.ShareStats;
import org.sharemint.monitor.WorkerStats;

/**
 * The share path's one hook into the monitor's figures (README, "Monitoring API"): where a
 * share's answer is settled, whatever kind of downstream sent it, it is counted for the pool and
 * for its channel's worker. A channel finds its worker once, when it opens or its locking key
 * changes; a worker the table has forgotten meanwhile is found again.
 */
final class ShareFigures {
    private static final HexFormat HEX = HexFormat.of();

    private final ShareStats stats;

    ShareFigures(ShareStats stats) {
        this.stats = stats;
    }

    ShareStats stats() {
        return stats;
    }

    /** A valid share its sink took: its difficulty counts toward the hashrate now, before the mint answers. */
    void valid(PendingShare share) {
        stats.valid(share.difficulty);
        worker(share).valid(share.difficulty);
    }

    /** A share acknowledged with its quote (null: the benchmarks' immediate ack), {@code latencyNanos} after it came. */
    void accepted(PendingShare share, org.sharemint.mint.QuoteResult.Quote quote, long latencyNanos) {
        stats.answered(latencyNanos);
        worker(share).accepted(quote != null, quote == null ? 0 : quote.amount());
    }

    /** A taken share answered with an error (mint refusal, timeout, shutdown). */
    void refusedAfterTaken(PendingShare share) {
        stats.rejected();
        worker(share).rejected();
    }

    /** A share answered with an error (channel null: it named no channel of its connection). */
    void refused(MiningChannel channel) {
        stats.rejected();
        if (channel != null) worker(channel).rejected();
    }

    /** A worker on a channel that has several (an SV1 connection's usernames): refused, counted for that worker. */
    void refusedFor(WorkerStats worker) {
        stats.rejected();
        worker.rejected();
    }

    /** The share's own worker when it has one (an SV1 username), else its channel's. */
    private WorkerStats worker(PendingShare share) {
        WorkerStats w = share.worker;
        return w != null ? w : worker(share.channel);
    }

    /** The worker of {@code lockingKey} and {@code name}: {@code cached} unless the table forgot it meanwhile. */
    WorkerStats worker(byte[] lockingKey, String name, WorkerStats cached) {
        if (cached != null && !cached.forgotten()) return cached;
        return stats.workers().worker(lockingKey == null ? "" : HEX.formatHex(lockingKey), name);
    }

    /** The channel's worker, looked up again when it has none yet or the table forgot it. */
    WorkerStats worker(MiningChannel channel) {
        WorkerStats w = channel.worker;
        if (w == null || w.forgotten()) {
            byte[] key = channel.lockingKey();
            w = stats.workers().worker(key == null ? "" : HEX.formatHex(key), channel.workerName);
            channel.worker = w;
        }
        return w;
    }

    /**
     * The worker name of a user identity: what follows the locking key and its dot when the
     * identity starts with one ("02ab....rig1" is rig1 of that key), else the whole identity.
     */
    static String workerName(String identity, boolean keyFromIdentity) {
        if (!keyFromIdentity) return identity;
        int dot = identity.indexOf('.');
        return dot < 0 ? "" : identity.substring(dot + 1);
    }
}
