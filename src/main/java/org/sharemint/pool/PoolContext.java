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
    /** Channel and group channel ids: unique pool-wide, never reused while the pool runs. */
    private final AtomicInteger nextChannelId = new AtomicInteger(1);
    private final AtomicInteger nextConnectionId = new AtomicInteger(1);
    final int extranonceSalt;
    private volatile ShareSink sink;

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

    ShareSink sink() {
        return sink;
    }

    void sink(ShareSink s) {
        this.sink = s;
    }
}
