package org.sharemint.pool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.config.Listeners;
import org.sharemint.link.RemoteMint;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.metrics.MonitorServer;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.monitor.Monitor;
import org.sharemint.monitor.MintView;
import org.sharemint.monitor.ShareStats;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.noise.NoiseChannels;
import org.tinylog.Logger;

/**
 * The sharemint pool server: a Stratum V2 listener for miners that pays every accepted share
 * with a Cashu mint quote, plus a Prometheus endpoint.
 *
 * <pre>{@code
 * try (PoolServer pool = PoolServer.start(config, issuer)) {
 *     System.out.println("miners connect to " + pool.minerAddress());
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} shuts down gracefully: no new connections, new submits are answered
 * {@code pool-shutdown}, pending shares get up to {@code shutdown.drain-ms} for their quotes,
 * the rest are answered {@code pool-shutdown}, then connections and the mint are closed.
 */
public final class PoolServer implements AutoCloseable {
    /** Most shares per createQuotes call (one ledger transaction). */
    static final int MAX_MINT_BATCH = 8192;
    private static final long SETTLE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final PoolContext ctx;
    private final ServerSocket listener;
    /** pool.sv1.listen, or null when off. */
    private volatile Sv1Listener sv1;
    private final Thread acceptor;
    private final MintWorker worker;
    private final JobClock jobs;
    private final MonitorServer monitor;
    private final AutoCloseable mint;
    private final InetSocketAddress mintHttp;
    private final String authorityKey;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    /** The dashboard's ticker and pages (set once, before the acceptor starts). */
    private Monitor dashboard;

    private PoolServer(PoolContext ctx, ServerSocket listener, MintWorker worker, JobClock jobs, MonitorServer monitor,
            AutoCloseable mint, InetSocketAddress mintHttp, String authorityKey) {
        this.authorityKey = authorityKey;
        this.ctx = ctx;
        this.listener = listener;
        this.worker = worker;
        this.jobs = jobs;
        this.monitor = monitor;
        this.mint = mint;
        this.mintHttp = mintHttp;
        this.acceptor = Thread.ofPlatform().name("pool-acceptor").daemon(true).unstarted(new Acceptor(listener, ctx));
    }

    /**
     * Starts the pool as the {@code pool} command does: with the mint of mint.mode (embedded:
     * in this process, its Cashu HTTP API on mint.http.listen).
     *
     * @throws ConfigException when a value cannot be used
     * @throws IOException when a listener cannot bind or the mint cannot start
     */
    public static PoolServer start(Config config) throws IOException, ConfigException {
        if (config.string("mint.mode").equals("remote")) return startRemote(config);
        PoolSettings.from(config); // bad pool values stop start-up before the mint opens its ledger
        JobSources.check(config);
        // and so does a listener that cannot bind: nothing is made in data.dir before all three can
        Listeners.checkFree(config, "pool.listen", "mint.http.listen", "monitor.listen");
        MetricsRegistry metrics = MetricsRegistry.forProcess(EmbeddedMint.METRICS_PREFIX, PoolServer.class);
        EmbeddedMint mint = EmbeddedMint.start(config, metrics);
        try {
            return start(config, mint, mint, mint.httpAddress(), metrics, Clock.systemUTC(), System::nanoTime, new SecureRandom());
        } catch (IOException | ConfigException | RuntimeException e) {
            mint.close();
            throw e;
        }
    }

    /** mint.mode=remote: no mint here and no Cashu HTTP API; quotes come over the mint link. */
    private static PoolServer startRemote(Config config) throws IOException, ConfigException {
        PoolSettings.from(config);
        JobSources.check(config);
        Listeners.checkFree(config, "pool.listen", "monitor.listen");
        RemoteMint mint = RemoteMint.start(config);
        try {
            PoolServer server = start(config, mint, mint, null, MetricsRegistry.forProcess(EmbeddedMint.METRICS_PREFIX, PoolServer.class),
                    Clock.systemUTC(), System::nanoTime, new SecureRandom());
            server.ctx.metrics.registry.include(mint.metrics());
            return server;
        } catch (IOException | ConfigException | RuntimeException e) {
            mint.close();
            throw e;
        }
    }

    /**
     * Starts a pool that sends its shares' quote requests to {@code issuer} (an embedded mint
     * the caller owns and closes, or a test double). {@link #mintHttpAddress()} is then null.
     *
     * @throws ConfigException when a value cannot be used
     * @throws IOException when a listener cannot bind or the Noise authority key cannot be read
     */
    public static PoolServer start(Config config, QuoteIssuer issuer) throws IOException, ConfigException {
        return start(config, issuer, null, null, MetricsRegistry.forProcess(EmbeddedMint.METRICS_PREFIX, PoolServer.class),
                Clock.systemUTC(), System::nanoTime, new SecureRandom());
    }

    /**
     * The general form: {@code mint} (may be null) is closed after the pool's last quote
     * request; {@code mintHttp} is reported by {@link #mintHttpAddress()}; the pool's series join
     * {@code registry}, which /metrics serves. The clock, the
     * monotonic time source and the randomness (prev hashes, extranonce salt) are injected.
     */
    static PoolServer start(Config config, QuoteIssuer issuer, AutoCloseable mint, InetSocketAddress mintHttp, MetricsRegistry registry,
            Clock clock, LongSupplier nanoTime, RandomGenerator random) throws IOException, ConfigException {
        PoolSettings s = PoolSettings.from(config);
        shareBlindingRandom();
        AuthorityKey authority = s.noise() ? AuthorityKey.loadOrCreate(config.path("data.dir")) : null;
        if (authority == null) {
            Logger.warn("pool.noise=false: miners connect in plaintext, unauthenticated and readable on the network (LAN, tests and benchmarks only)");
        }
        PeerLimits limits = PeerLimits.from(config);
        ChannelOpener opener = authority != null ? noiseOpener(authority, s, clock, new NoiseGate(limits.maxHandshakesInProgress(),
                limits.maxHandshakesPerSecond())) : ChannelOpener.plain(s.maxFrameBytes());
        MintWorker[] workerRef = new MintWorker[1];
        ShareStats shareStats = new ShareStats(clock, config.intValue("monitor.max-workers"));
        PoolMetrics metrics = new PoolMetrics(registry, () -> workerRef[0] == null ? 0 : workerRef[0].depth(), shareStats);
        SyntheticChain chain = new SyntheticChain(clock, random, s.tag());
        TemplateJobs real = JobSources.open(config, metrics);
        PoolContext ctx = new PoolContext(s, limits, chain, real != null ? real : chain, metrics, clock, nanoTime, random.nextInt(), opener);
        MintWorker worker = null;
        if (s.immediateAck()) {
            Logger.warn("share.reply-mode=bench-immediate-ack: shares are acknowledged without quotes (benchmarks only)");
            ctx.sink(new ShareSink.ImmediateAck(nanoTime));
        } else {
            worker = new MintWorker(s.queueCapacity(), MAX_MINT_BATCH, issuer, metrics).start();
            workerRef[0] = worker;
            ctx.sink(new DeferredReplies(worker, metrics, nanoTime));
        }
        ServerSocket listener = new ServerSocket();
        MonitorServer monitor = null;
        JobClock jobs = null;
        Monitor dashboard = null;
        try {
            listener.setReuseAddress(true);
            listener.bind(resolved(s.listen()), 1024);
            // a real source sends its own jobs; the clock then only re-offers the newest (vardiff ticks, summaries)
            jobs = (real == null ? new JobClock(ctx) : new JobClock(ctx, () -> null, real::current)).start();
            if (real != null) real.start(ctx);
            JobClock jobClock = jobs;
            dashboard = dashboard(config, issuer, metrics, jobClock, clock);
            monitor = MonitorServer.start(s.monitorListen(), metrics.registry,
                    () -> listener.isClosed() ? "the miner listener is closed"
                            : !issuer.reachable() ? "the mint is unreachable"
                            : ctx.jobs.problem() != null ? ctx.jobs.problem() : jobClock.problem(), dashboard.pages());
        } catch (IOException | RuntimeException e) {
            listener.close();
            if (real != null) real.close();
            if (dashboard != null) dashboard.close();
            if (monitor != null) monitor.close();
            if (jobs != null) closeQuietly("job clock", jobs::close);
            if (worker != null) closeWorker(worker);
            throw e;
        }
        PoolServer server = new PoolServer(ctx, listener, worker, jobs, monitor, mint, mintHttp,
                authority == null ? null : authority.publicKeyBase58());
        server.dashboard = dashboard;
        server.acceptor.start();
        if (!config.string("pool.sv1.listen").isEmpty()) {
            try {
                server.sv1 = Sv1Listener.start(config.address("pool.sv1.listen"), ctx);
            } catch (IOException e) {
                server.close();
                throw e;
            }
            Logger.info("pool listening for Stratum V1 miners on {}", hostPort(server.sv1.address()));
        }
        Logger.info("pool listening for miners on {} ({}), metrics on http://{}/metrics, dashboard on http://{}/", hostPort(server.minerAddress()),
                authority != null ? "Noise, authority key " + authority.publicKeyBase58() : "plaintext", hostPort(server.monitorAddress()),
                hostPort(server.monitorAddress()));
        return server;
    }

    /** The dashboard and /api/v1/ of this pool: its share figures, its facts, its mint (embedded here, or where the link goes). */
    private static Monitor dashboard(Config config, QuoteIssuer issuer, PoolMetrics metrics, JobClock jobs, Clock clock) {
        boolean remote = !(issuer instanceof EmbeddedMint);
        String address = remote && config.string("mint.mode").equals("remote") ? config.string("mint.link.address") : null;
        MintView mint = issuer instanceof EmbeddedMint em ? MintView.local("embedded", em.monitorSource(), clock)
                : MintView.remote(address, issuer::reachable, clock);
        MonitorFacts facts = new MonitorFacts(metrics, config.string("jobs.source"), jobs::problem, remote ? "remote" : "embedded", address,
                issuer::reachable);
        return Monitor.forPool(metrics.figures.stats(), facts, mint, clock);
    }

    /** Noise NX with the authority key of data.dir (created on first start), as the SV2 spec wants. */
    private static ChannelOpener noiseOpener(AuthorityKey key, PoolSettings s, Clock clock, NoiseGate gate) {
        SecureRandom random = new SecureRandom();
        return socket -> NoiseChannels.responder(socket, key, s.certValiditySeconds(), clock, s.maxFrameBytes(), random, gate);
    }

    private static InetSocketAddress resolved(InetSocketAddress a) {
        return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
    }

    public static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Where miners connect (the real port when pool.listen asked for port 0). */
    public InetSocketAddress minerAddress() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Where Stratum V1 miners connect, or null when pool.sv1.listen is empty. */
    public InetSocketAddress sv1Address() {
        Sv1Listener l = sv1;
        return l == null ? null : l.address();
    }

    /** The /metrics and /health endpoint. */
    public InetSocketAddress monitorAddress() {
        return monitor.address();
    }

    /** The embedded mint's Cashu HTTP API, or null when the pool has no embedded mint. */
    public InetSocketAddress mintHttpAddress() {
        return mintHttp;
    }

    /** The Noise authority public key miners pin (base58check), or null with pool.noise=false. */
    public String noiseAuthorityKey() {
        return authorityKey;
    }

    /** Blocks until {@link #close()} has finished (from any thread). */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Graceful shutdown (see the class comment); idempotent, and safe from a shutdown hook. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            shutdown();
        } finally {
            closed.countDown();
        }
    }

    private void shutdown() {
        Logger.info("pool shutting down: {}", ctx.metrics.summary());
        ctx.sink(new ShareSink.Refusing()); // from now on a valid submit is answered pool-shutdown
        closeQuietly("miner listener", listener::close);
        if (sv1 != null) closeQuietly("sv1 listener", sv1::close);
        closeQuietly("acceptor", () -> acceptor.join(TimeUnit.SECONDS.toMillis(5)));
        long deadline = ctx.nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(ctx.settings.drainMs());
        int drained = awaitPending(deadline);
        // shares not yet at the mint: pool-shutdown now; those at the mint keep their deadline,
        // so none answered with an error can get a quote the mint is committing right now
        int refused = 0;
        for (Downstream c : ctx.downstreams()) {
            for (PendingShare p : c.pendingShares()) {
                if (p.shutDown()) refused++;
            }
        }
        if (worker != null) {
            closeQuietly("mint worker", () -> {
                if (!worker.stop(Duration.ofMillis(ctx.settings.mintTimeoutMs()))) {
                    Logger.warn("mint worker still inside the mint after share.mint-timeout-ms; closing anyway");
                }
            });
        }
        awaitPending(ctx.nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(ctx.settings.mintTimeoutMs()) + SETTLE_GRACE_NANOS);
        for (Downstream c : ctx.downstreams()) {
            for (MiningChannel ch : c.channels()) ch.batch.flush();
        }
        closeQuietly("job clock", jobs::close);
        if (ctx.jobs instanceof TemplateJobs real) closeQuietly("job source", real::close);
        List<Thread> closers = new ArrayList<>();
        for (Downstream c : ctx.downstreams()) {
            closers.add(Thread.ofVirtual().start(() -> c.closeGracefully("pool shutting down")));
        }
        for (Thread t : closers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mint != null) closeQuietly("mint", mint::close);
        if (dashboard != null) dashboard.close();
        monitor.close();
        ctx.peerLog.flush();
        Logger.info("pool stopped: {} pending shares answered while draining, {} answered pool-shutdown", drained, refused);
    }

    /** Waits (until {@code deadline}) for the pending shares' threads to finish; how many did. */
    private int awaitPending(long deadline) {
        int n = 0;
        for (Downstream c : ctx.downstreams()) {
            for (PendingShare p : c.pendingShares()) {
                try {
                    if (p.awaitDone(deadline - ctx.nanoTime.getAsLong())) n++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return n;
                }
            }
        }
        return n;
    }

    private static void closeWorker(MintWorker w) {
        closeQuietly("mint worker", w::close);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void closeQuietly(String what, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Logger.warn(e, "closing {} failed", what);
        }
    }

    /** For tests: moves the synthetic chain (a new block, or a fresher job) and broadcasts it. */
    void advanceChain(boolean newBlock) {
        Template t = newBlock ? ctx.chain.newBlock() : ctx.chain.refresh();
        JobClock.broadcast(ctx, t, ctx.nanoTime.getAsLong());
    }

    /** For tests: the synthetic chain's next templates set these version bits (a deployment signalling). */
    void signalVersionBits(int bits) {
        ctx.chain.signal(bits);
    }

    /** For tests: the open channels' share sets per block hold at most {@code limit} hashes. */
    void limitSharesPerBlock(int limit) {
        for (Downstream d : ctx.downstreams()) {
            for (MiningChannel c : d.channels()) c.limitSeen(limit);
        }
    }

    /** For tests: validated shares still waiting for their quote. */
    long pendingShares() {
        return ctx.metrics.sharesPending.get();
    }

    /** For tests: bytes queued and not yet written, over every open connection (0 once replies are out). */
    long queuedReplyBytes() {
        long n = 0;
        for (Connection c : ctx.connections) {
            Outbound o = c.outbound();
            if (o != null) n += o.queuedBytes();
        }
        return n;
    }

    PoolContext context() {
        return ctx;
    }

    /**
     * BouncyCastle's EC arithmetic draws blinding randomness from a SecureRandom it keeps per
     * thread unless one is set; with a virtual thread per connection that made a SecureRandom
     * (and a thread-local map) live as long as each connection, ~350 bytes per idle one, and
     * cost a SecureRandom construction per handshake. One shared SecureRandom (thread-safe)
     * serves every thread instead. Left alone when the embedding application set its own.
     */
    private static void shareBlindingRandom() {
        if (!CryptoServicesRegistrar.isSecureRandomSpecified()) CryptoServicesRegistrar.setSecureRandom(new SecureRandom());
    }

}
