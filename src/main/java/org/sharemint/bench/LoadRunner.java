package org.sharemint.bench;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.sharemint.crypto.Secp256k1;
import org.tinylog.Logger;

/**
 * Sets up the load connections and runs timed phases over them: every connection on its own
 * virtual thread, the measured interval fixed in advance on the monotonic clock, pool and
 * generator CPU read at its two ends.
 */
final class LoadRunner {
    /** How long after a phase's end outstanding submits may still be answered. */
    static final Duration DRAIN = Duration.ofSeconds(15);

    private final PoolProbe probe;
    private final List<String> warnings;

    LoadRunner(PoolProbe probe, List<String> warnings) {
        this.probe = probe;
        this.warnings = warnings;
    }

    /**
     * Opens {@code count} connections with a channel each, {@code concurrency} at a time; each
     * gets its own NUT-20 locking key in its user identity. Connections that fail are left out
     * (the first failure is logged and warned).
     */
    List<LoadConnection> connect(Connector connector, int count, int concurrency, boolean quotes, int maxWindow)
            throws InterruptedException {
        LoadConnection[] made = new LoadConnection[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        SecureRandom random = new SecureRandom();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < Math.min(concurrency, count); w++) {
                ex.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String key = HexFormat.of().formatHex(Secp256k1.compressed(Secp256k1.mulG(Secp256k1.randomScalar(random))));
                        Link link = null;
                        try {
                            link = connector.connect(i);
                            ChannelOpener.Channel ch = ChannelOpener.open(link, key + ".bench" + i, quotes, "bench-" + i);
                            ShareSource shares = ch.shareSource();
                            link.prepareSubmits(ch.channelId(), ch.jobId(), ch.ntime(), ch.version());
                            made[i] = new LoadConnection(link, ch.channelId(), shares, maxWindow);
                        } catch (IOException | RuntimeException e) {
                            failed.incrementAndGet();
                            if (firstFailure.compareAndSet(null, e.toString())) Logger.warn("load connection {} failed: {}", i, e.toString());
                            closeQuietly(link);
                        }
                    }
                });
            }
        }
        if (failed.get() > 0) warnings.add(failed.get() + " of " + count + " load connections failed to set up; first: " + firstFailure.get());
        List<LoadConnection> ok = new ArrayList<>();
        for (LoadConnection c : made) if (c != null) ok.add(c);
        return ok;
    }

    /**
     * Grinds nonces so each connection has {@code perConnection} ready, on as many threads as
     * there are cores, before a timed phase.
     */
    static void prepare(List<LoadConnection> connections, int perConnection) throws InterruptedException {
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        int threads = Runtime.getRuntime().availableProcessors();
        try (ExecutorService ex = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                ex.submit(() -> {
                    for (int i = next.getAndIncrement(); i < connections.size(); i = next.getAndIncrement()) {
                        connections.get(i).prepare(perConnection);
                    }
                });
            }
        }
        Logger.info("prepared {} shares per connection ({} in all) in {} s", perConnection, (long) perConnection * connections.size(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    }

    /** A closed-loop phase: each connection keeps {@code window} submits outstanding. */
    PhaseResult closed(Mode mode, List<LoadConnection> connections, int window, Duration warmup, Duration measure) throws InterruptedException {
        return run(mode, connections, window, 0, warmup, measure);
    }

    /** An open-loop phase at {@code perSecond} submits in total, spread evenly over the connections. */
    PhaseResult paced(Mode mode, List<LoadConnection> connections, int window, double perSecond, Duration warmup, Duration measure)
            throws InterruptedException {
        return run(mode, connections, window, perSecond, warmup, measure);
    }

    /**
     * An open-loop phase driven by the {@link OpenLoopGenerator} over the same connections (their
     * sockets turn non-blocking for good); null when the connections cannot (Noise): the caller
     * then uses {@link #paced}.
     */
    PhaseResult openLoop(Mode mode, List<LoadConnection> all, int window, double perSecond, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        List<LoadConnection> connections = all.stream().filter(c -> !c.broken()).toList();
        List<PacedEndpoint> endpoints = new ArrayList<>();
        for (LoadConnection c : connections) {
            PacedEndpoint e = c.openLoop();
            if (e == null) return null;
            endpoints.add(e);
        }
        long groundBefore = 0;
        for (LoadConnection c : connections) groundBefore += c.groundLate();
        long t0 = System.nanoTime() + 20_000_000L;
        long start = t0 + warmup.toNanos();
        long end = start + measure.toNanos();
        OpenLoopGenerator generator = OpenLoopGenerator.of(endpoints);
        double[] at = new double[7];
        Map<String, Double>[] metrics = new Map[2];
        // the pool's and this process's CPU are read at the interval's two ends while the generator runs
        Thread meter = Thread.ofPlatform().name("bench-meter").daemon(true).start(() -> {
            try {
                sleepUntil(start);
                at[0] = probe.cpuSeconds();
                at[1] = generatorCpu();
                at[2] = machineCpu();
                metrics[0] = probe.metrics();
                sleepUntil(end);
                at[3] = probe.cpuSeconds();
                at[4] = generatorCpu();
                at[5] = machineCpu();
                at[6] = probe.rssBytes();
                metrics[1] = probe.metrics();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        OpenLoopGenerator.Result r = generator.run(perSecond, t0, start, end, end + DRAIN.toNanos());
        meter.join();
        long groundLate = -groundBefore;
        for (LoadConnection c : connections) groundLate += c.groundLate();
        String what = mode.label() + " " + String.format("paced %,.0f/s", perSecond);
        if (r.failures() > 0) warnings.add(what + ": " + r.failures() + " connections failed; first: " + r.failure());
        if (r.skipped() > 0) warnings.add(what + ": " + r.skipped() + " scheduled submits not sent (their connection had every ring slot pending or had broken)");
        if (r.unanswered() > 0) warnings.add(what + ": " + r.unanswered() + " submits got no reply within " + DRAIN.toSeconds() + " s of the phase's end");
        if (groundLate > 0) warnings.add(what + ": " + groundLate + " nonces ground during the phase (raise --prepare-rate)");
        if (r.newJobs() > 0) warnings.add(what + ": " + r.newJobs() + " new jobs or prev hashes arrived (shares may have gone stale)");
        boolean deferred = !"bench-immediate-ack".equals(mode.poolSettings().get("share.reply-mode"));
        if (deferred && r.quotes() > 0 && r.quotes() + (long) connections.size() * window < r.accepted()) {
            warnings.add(what + ": " + r.quotes() + " ShareQuotes for " + r.accepted() + " accepted shares");
        }
        PoolView view = metrics[0] == null || metrics[0].isEmpty() || metrics[1] == null ? PoolView.NONE : PoolView.between(metrics[0], metrics[1]);
        double pool = at[3] - at[0], gen = at[4] - at[1];
        Logger.info("{}: generator threads {} s of CPU over the run", what, String.format(java.util.Locale.ROOT, "%.2f", r.threadCpuSeconds()));
        return new PhaseResult(mode, connections.size(), window, perSecond, measure.toNanos() / 1e9, r.accepted(), r.errors(), r.latency(),
                pool, gen, (long) at[6], -1, r.targetChanges(), view, Math.max(0, (at[5] - at[2]) - pool - gen));
    }

    private PhaseResult run(Mode mode, List<LoadConnection> all, int window, double perSecond, Duration warmup, Duration measure)
            throws InterruptedException {
        List<LoadConnection> connections = all.stream().filter(c -> !c.broken()).toList();
        long t0 = System.nanoTime() + 20_000_000L;
        long start = t0 + warmup.toNanos();
        long end = start + measure.toNanos();
        LoadConnection.Phase phase = new LoadConnection.Phase(start, end, end + DRAIN.toNanos());
        int n = connections.size();
        List<Future<LoadConnection.Stats>> futures = new ArrayList<>(n);
        PhaseResult result;
        PacedSenders senders = null;
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (LoadConnection c : connections) {
                futures.add(ex.submit(() -> perSecond > 0 ? c.runPacedReader(phase) : c.runClosed(phase, window)));
            }
            if (perSecond > 0) senders = PacedSenders.start(connections, perSecond, t0, end);
            sleepUntil(start);
            double poolCpu0 = probe.cpuSeconds();
            double genCpu0 = generatorCpu();
            double machine0 = machineCpu();
            Map<String, Double> metrics0 = probe.metrics();
            sleepUntil(end);
            double poolCpu1 = probe.cpuSeconds();
            double genCpu1 = generatorCpu();
            double machine1 = machineCpu();
            long rss = probe.rssBytes();
            if (senders != null) {
                long skipped = senders.finish();
                if (skipped > 0) warnings.add(mode.label() + String.format(" paced %,.0f/s: ", perSecond) + skipped
                        + " scheduled submits not sent (their connection had " + "every ring slot pending or had broken)");
            }
            PoolView view = metrics0.isEmpty() ? PoolView.NONE : PoolView.between(metrics0, probe.metrics());
            LoadConnection.Stats total = new LoadConnection.Stats();
            Map<String, Long> errors = new TreeMap<>();
            long quotes = 0, unanswered = 0, groundLate = 0, newJobs = 0;
            String failure = null;
            int failures = 0;
            for (Future<LoadConnection.Stats> f : futures) {
                LoadConnection.Stats s;
                try {
                    s = f.get(DRAIN.toSeconds() + 30, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    failures++;
                    if (failure == null) failure = e.toString();
                    continue;
                }
                total.latency.add(s.latency);
                total.accepted += s.accepted;
                total.targetChanges += s.targetChanges;
                s.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
                quotes += s.quotes;
                unanswered += s.unanswered;
                groundLate += s.groundLate;
                newJobs += s.newJobs;
                if (s.failure != null) {
                    failures++;
                    if (failure == null) failure = s.failure;
                }
            }
            String what = mode.label() + " " + (perSecond > 0 ? String.format("paced %,.0f/s", perSecond) : "max");
            if (failures > 0) warnings.add(what + ": " + failures + " connections failed; first: " + failure);
            if (unanswered > 0) warnings.add(what + ": " + unanswered + " submits got no reply within " + DRAIN.toSeconds() + " s of the phase's end");
            if (groundLate > 0) warnings.add(what + ": " + groundLate + " nonces ground during the phase (raise --prepare-rate)");
            if (newJobs > 0) warnings.add(what + ": " + newJobs + " new jobs or prev hashes arrived (shares may have gone stale)");
            boolean deferred = !"bench-immediate-ack".equals(mode.poolSettings().get("share.reply-mode"));
            // a quote and its success can fall on either side of the interval's edges: allow one window per connection
            if (deferred && quotes > 0 && quotes + (long) n * window < total.accepted) warnings.add(what + ": " + quotes + " ShareQuotes for " + total.accepted + " accepted shares");
            result = new PhaseResult(mode, n, window, perSecond, measure.toNanos() / 1e9, total.accepted, errors, total.latency,
                    poolCpu1 - poolCpu0, genCpu1 - genCpu0, rss, perSecond > 0 ? -1 : probe.heapUsedBytes(), total.targetChanges, view,
                    Math.max(0, (machine1 - machine0) - (poolCpu1 - poolCpu0) - (genCpu1 - genCpu0)));
        }
        return result;
    }

    static double generatorCpu() {
        try {
            return ProcFs.cpuSeconds(ProcessHandle.current().pid());
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    static double machineCpu() {
        try {
            return ProcFs.machineBusySeconds();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(wait);
    }

    static void closeQuietly(Link l) {
        if (l == null) return;
        try {
            l.close();
        } catch (IOException e) {
            Logger.debug("close: {}", e.getMessage());
        }
    }

    static void closeAll(List<LoadConnection> connections) {
        for (LoadConnection c : connections) {
            try {
                c.close();
            } catch (IOException e) {
                Logger.debug("close: {}", e.getMessage());
            }
        }
    }
}
