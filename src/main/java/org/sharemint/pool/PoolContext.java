package org.sharemint.pool;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** What every connection of one pool shares: settings, chain, metrics, the share sink, ids. */
final class PoolContext {
    final PoolSettings settings;
    final SyntheticChain chain;
    final PoolMetrics metrics;
    final Clock clock;
    final LongSupplier nanoTime;
    final ShareValidator validator;
    final ChannelOpener opener;
    /** Open connections (for job broadcasts and shutdown). */
    final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    /** Open Stratum V1 connections (pool.sv1.listen). */
    final Set<Sv1Connection> sv1Connections = ConcurrentHashMap.newKeySet();
    /** Channel and group channel ids: unique pool-wide, never reused while the pool runs. */
    private final AtomicInteger nextChannelId = new AtomicInteger(1);
    private final AtomicInteger nextConnectionId = new AtomicInteger(1);
    final int extranonceSalt;
    private volatile ShareSink sink;
    /** The last prev hash (epoch) a block was logged for at INFO. */
    private final java.util.concurrent.atomic.AtomicLong blockLoggedEpoch = new java.util.concurrent.atomic.AtomicLong(-1);

    PoolContext(PoolSettings settings, SyntheticChain chain, PoolMetrics metrics, Clock clock, LongSupplier nanoTime,
            int extranonceSalt, ChannelOpener opener) {
        this.settings = settings;
        this.chain = chain;
        this.metrics = metrics;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.extranonceSalt = extranonceSalt;
        this.opener = opener;
        this.validator = new ShareValidator(settings.minLeadingZeros());
    }

    int nextChannelId() {
        return nextChannelId.getAndIncrement();
    }

    int nextConnectionId() {
        return nextConnectionId.getAndIncrement();
    }

    /**
     * Whether this is the first block found on {@code epoch}. On the synthetic chain's easy
     * target nearly every share is a block; one INFO line per height keeps the log per event,
     * not per share (the counter counts them all).
     */
    boolean firstBlockOf(long epoch) {
        long last = blockLoggedEpoch.get();
        return epoch > last && blockLoggedEpoch.compareAndSet(last, epoch);
    }

    /** Every open connection, SV2 and SV1 (a snapshot). */
    java.util.List<Downstream> downstreams() {
        java.util.List<Downstream> all = new java.util.ArrayList<>(connections.size() + sv1Connections.size());
        all.addAll(connections);
        all.addAll(sv1Connections);
        return all;
    }

    ShareSink sink() {
        return sink;
    }

    void sink(ShareSink s) {
        this.sink = s;
    }
}
