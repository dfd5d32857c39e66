package org.sharemint.pool;

/**
 * Which refused submits count against a connection's invalid-submit budget
 * (pool.max-invalid-shares-per-s, pool.invalid-shares-burst), the same for SV2 and SV1: not the
 * mint's or the pool's own failures, and not a share that went stale only because a new block
 * arrived while it was in flight.
 */
final class ShareCharges {
    private ShareCharges() {}

    /**
     * The errors a submit gets for the mint's or the pool's state, not for what the miner sent:
     * never charged. A channel's share set full for the block ({@code too-many-shares}) is the
     * pool's limit: a fast honest miner meets it, and its shares cost no more than accepted ones.
     */
    static boolean poolsOwn(String code) {
        return switch (code) {
            case ShareError.MINT_BUSY, ShareError.MINT_TIMEOUT, ShareError.MINT_QUOTE_FAILED, ShareError.MINT_UNAVAILABLE,
                 ShareError.POOL_SHUTDOWN, ShareError.TOO_MANY_SHARES -> true;
            default -> false;
        };
    }

    /** A validator's refusal that is not charged: stale on the block the current one just replaced (see MiningChannel#forgiveStale). */
    static boolean forgiven(MiningChannel channel, int jobId, String code) {
        return code.equals(ShareError.STALE_SHARE) && channel.forgiveStale(jobId);
    }
}
