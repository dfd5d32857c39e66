package org.sharemint.pool;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.sharemint.metrics.Counter;
import org.sharemint.metrics.Histogram;
import org.sharemint.metrics.LabeledCounter;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.monitor.BlockLog;
import org.sharemint.monitor.ShareStats;

/** The pool's metrics, exposed at /metrics with the {@code sharemint_} prefix. */
final class PoolMetrics {
    /** Every result a submit can have, so the label set is fixed. */
    static final List<String> RESULTS = List.of("accepted", ShareError.INVALID_CHANNEL_ID, ShareError.INVALID_SHARE,
            ShareError.STALE_SHARE, ShareError.INVALID_JOB_ID, ShareError.DIFFICULTY_TOO_LOW, ShareError.DUPLICATE_SHARE,
            ShareError.BAD_EXTRANONCE_SIZE, ShareError.VERSION_ROLLING_NOT_ALLOWED, ShareError.INVALID_NON_ROLLABLE_VERSION_BIT,
            ShareError.MINT_BUSY, ShareError.POOL_SHUTDOWN);
    static final int DEFAULT_MAX_WORKERS = 10_000;
    private static final long[] LATENCY_NS = Histogram.latencyBoundsNanos();
    private static final long[] BATCH_SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384};

    final MetricsRegistry registry;
    final AtomicLong connectionsOpen = new AtomicLong();
    final AtomicLong channelsOpen = new AtomicLong();
    final AtomicLong sharesPending = new AtomicLong();
    final Counter connectionsAccepted;
    final Counter connectionsRejected;
    final LabeledCounter sharesReceived;
    final Counter quotesCreated;
    final Counter quotesFailed;
    final Counter quotesTimedOut;
    final Counter quotesLate;
    final Counter delayedResponses;
    final Counter batchResponses;
    final Counter timeoutErrors;
    final Counter shutdownErrors;
    final Counter shareQuotes;
    final Counter blocksFound;
    final Counter outboundOverflows;
    final Counter penaltyWaits;
    final Histogram replyLatency;
    final Histogram mintBatchSize;
    final Histogram mintBatchLatency;
    /** The monitor's share figures (the dashboard and /api/v1/). */
    final ShareFigures figures;
    /** Blocks handed to the node and its answers: a job source that submits blocks reports them here. */
    final BlockLog blockLog = new BlockLog();

    /** Registers the pool's series in {@code registry} (which the monitor server serves). */
    PoolMetrics(MetricsRegistry registry, LongSupplier queueDepth) {
        this(registry, queueDepth, new ShareStats(java.time.Clock.systemUTC(), DEFAULT_MAX_WORKERS));
    }

    /** As above, the monitor's figures kept in {@code stats}. */
    PoolMetrics(MetricsRegistry registry, LongSupplier queueDepth, ShareStats stats) {
        this.registry = registry;
        this.figures = new ShareFigures(stats);
        connectionsAccepted = registry.counter("connections_accepted_total", "miner sockets accepted");
        connectionsRejected = registry.counter("connections_rejected_total", "miner sockets closed at once (pool.max-connections)");
        sharesReceived = registry.labeledCounter("shares_received_total", "submits by result", "result", RESULTS);
        quotesCreated = registry.counter("quotes_created_total", "quotes the mint created for shares");
        quotesFailed = registry.counter("quotes_failed_total", "shares the mint refused (mint-quote-failed)");
        quotesTimedOut = registry.counter("quotes_timed_out_total", "pending shares whose deadline passed first (mint-timeout)");
        quotesLate = registry.counter("quotes_late_total", "quotes the mint returned after their share was already answered");
        delayedResponses = registry.counter("delayed_responses_total", "shares acknowledged after their quote was durable");
        batchResponses = registry.counter("batch_responses_total", "SubmitShares.Success messages sent");
        timeoutErrors = registry.counter("timeout_errors_total", "mint-timeout errors sent");
        shutdownErrors = registry.counter("shutdown_errors_total", "pool-shutdown errors sent for pending shares");
        shareQuotes = registry.counter("share_quotes_total", "ShareQuote messages sent");
        blocksFound = registry.counter("blocks_found_total", "shares that met the network target");
        outboundOverflows = registry.counter("outbound_overflows_total", "connections closed because the peer did not read");
        penaltyWaits = registry.counter("penalty_waits_total", "connections that waited pool.misbehaviour-delay-ms (their address had just misbehaved)");
        replyLatency = registry.histogram("reply_latency_seconds", "submit received to reply written to the outbound queue",
                LATENCY_NS, 1e-9);
        mintBatchSize = registry.histogram("mint_batch_size", "shares per createQuotes call", BATCH_SIZES, 1);
        mintBatchLatency = registry.histogram("mint_batch_seconds", "time of one createQuotes call (for the embedded mint: one durable commit)",
                LATENCY_NS, 1e-9);
        registry.gauge("connections_open", "miner connections open", connectionsOpen::get);
        registry.gauge("channels_open", "mining channels open", channelsOpen::get);
        registry.gauge("shares_pending", "validated shares waiting for their quote", sharesPending::get);
        registry.gauge("mint_queue_depth", "shares queued for the mint worker", queueDepth);
    }

    /** The periodic one-line summary. */
    String summary() {
        long accepted = sharesReceived.get("accepted");
        long total = sharesReceived.total();
        // no share yet is no acceptance rate, not "100.0% accepted"
        String shares = total == 0 ? "0" : String.format("%d (%.1f%% accepted)", total, 100.0 * accepted / total);
        return String.format("connections %d, channels %d, shares %s, pending %d, successes %d in %d replies, "
                        + "mint-timeout %d, mint-quote-failed %d, blocks %d",
                connectionsOpen.get(), channelsOpen.get(), shares,
                sharesPending.get(), delayedResponses.get(), batchResponses.get(), timeoutErrors.get(), quotesFailed.get(),
                blocksFound.get());
    }
}
