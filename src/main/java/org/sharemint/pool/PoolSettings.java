package org.sharemint.pool;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import org.sharemint.bitcoin.Targets;
import org.sharemint.config.Config;

/** The configuration values the pool uses, read once from {@link Config}. */
record PoolSettings(
        InetSocketAddress listen,
        boolean noise,
        int maxConnections,
        int maxFrameBytes,
        long setupTimeoutMs,
        long outboundLimitBytes,
        long certValiditySeconds,
        String tag,
        int sharesPerMinute,
        BigInteger targetCeiling,
        long mintTimeoutMs,
        int queueCapacity,
        int batchSize,
        long batchMaxDelayMs,
        boolean immediateAck,
        long blockIntervalMs,
        long refreshMs,
        int minLeadingZeros,
        boolean requireLockingKey,
        byte[] defaultLockingKey,
        InetSocketAddress monitorListen,
        long drainMs) {

    static PoolSettings from(Config c) {
        return new PoolSettings(
                c.address("pool.listen"),
                c.bool("pool.noise"),
                c.intValue("pool.max-connections"),
                c.intValue("pool.max-frame-bytes"),
                c.longValue("pool.setup-timeout-ms"),
                c.longValue("pool.outbound-limit-bytes"),
                c.longValue("pool.cert-validity-s"),
                c.string("pool.tag"),
                c.intValue("channel.shares-per-minute"),
                Targets.forDifficulty(c.decimal("channel.min-difficulty")),
                c.longValue("share.mint-timeout-ms"),
                c.intValue("share.queue-capacity"),
                c.intValue("share.batch-size"),
                c.longValue("share.batch-max-delay-ms"),
                c.string("share.reply-mode").equals("bench-immediate-ack"),
                c.longValue("jobs.block-interval-ms"),
                c.longValue("jobs.refresh-ms"),
                c.intValue("ehash.min-leading-zeros"),
                c.bool("ehash.require-locking-key"),
                LockingKeys.fromConfig(c.string("ehash.default-locking-key")),
                c.address("monitor.listen"),
                c.longValue("shutdown.drain-ms"));
    }
}
