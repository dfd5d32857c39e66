package org.sharemint.pool;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.sharemint.peer.MisbehaviourLog;
import org.sharemint.peer.PenaltyBox;

/** What every connection of one pool shares: settings, chain, metrics, the share sink, ids. */
final class PoolContext {
    /** Most addresses the penalty box holds at once. */
    static final int PENALTY_BOX_ADDRESSES = 65_536;
    final PoolSettings settings;
    final SyntheticChain chain;
    /** Where channels' jobs come from: {@link #chain}, or a real node. */
    final JobSource jobs;
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

    /** What one peer may cost (issue 17). */
    final PeerLimits limits;
    /** Peer misbehaviour: rate-limited log lines, counts by reason. */
    final MisbehaviourLog peerLog;
    /** Addresses just closed for misbehaviour: their next connections wait (pool.misbehaviour-delay-ms). */
    final PenaltyBox penalties;

    PoolContext(PoolSettings settings, SyntheticChain chain, PoolMetrics metrics, Clock clock, LongSupplier nanoTime,
            int extranonceSalt, ChannelOpener opener) {
        this(settings, PeerLimits.DEFAULTS, chain, chain, metrics, clock, nanoTime, extranonceSalt, opener);
    }

    PoolContext(PoolSettings settings, PeerLimits limits, SyntheticChain chain, JobSource jobs, PoolMetrics metrics, Clock clock,
            LongSupplier nanoTime, int extranonceSalt, ChannelOpener opener) {
        this.limits = limits;
        this.peerLog = new MisbehaviourLog(metrics.registry, "peer_misbehaviour_total", "miner", PeerReasons.ALL,
                MisbehaviourLog.DEFAULT_FULL_LINES, MisbehaviourLog.DEFAULT_INTERVAL_NANOS, nanoTime);
        this.penalties = new PenaltyBox(limits.misbehaviourDelayMs() * 1_000_000L, PENALTY_BOX_ADDRESSES, nanoTime);
        this.settings = settings;
        this.chain = chain;
        this.jobs = jobs;
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

    /**
     * Parks a new connection from {@code address} while the address sits out a misbehaviour
     * penalty (it costs a parked virtual thread, nothing read).
     */
    void waitOutPenalty(java.net.InetAddress address) throws java.io.IOException {
        long nanos = penalties.waitNanos(address);
        if (nanos <= 0) return;
        metrics.penaltyWaits.inc();
        try {
            Thread.sleep(java.time.Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted in the penalty wait");
        }
    }
}
