package org.sharemint.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.sharemint.config.Key;
import org.sharemint.config.Keys;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.noise.AuthorityKey;
import org.tinylog.Logger;

/**
 * {@code sharemint bench}: the load generator. Runs the modes one after another, each against
 * a fresh pool process, then the idle-connection scale; prints the table and writes
 * bench/RESULTS.md (keeping its hand-written section) and bench/latency.svg. The command line
 * reaches it through {@code org.sharemint.BenchCommand}.
 */
public final class Bench {
    /** A paced phase starts once the kernel holds at most this much unwritten file data (see settle). */
    private static final long SETTLED_UNWRITTEN_BYTES = 16L << 20;
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(15);
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /**
     * A read that waits this long means the pool is stuck (a share is answered within
     * share.mint-timeout-ms): the connection fails rather than hold the run.
     */
    private static final int READ_TIMEOUT_MS = 20_000;
    private static final double MAX_PREPARED_PER_CONNECTION_PER_SECOND = 10_000;

    private Bench() {}

    /** What {@code sharemint bench --help} prints. */
    public static String help() {
        return BenchOptions.help();
    }

    /**
     * Runs the bench; the result is the process exit code.
     *
     * @param words the plain words after {@code bench} (all, load or scale)
     * @param options the {@code --NAME=VALUE} options, in the order given
     */
    public static int run(List<String> words, Map<String, String> options) throws Exception {
        BenchOptions o = BenchOptions.parse(words, options);
        Path work = Files.createTempDirectory("sharemint-bench");
        try {
            BenchReport report = measure(o, words, options, work);
            System.out.print(ReportWriter.text(report));
            System.out.flush();
            if (o.write()) write(o, report);
            boolean ok = report.phases().stream().filter(p -> !p.paced()).allMatch(p -> p.accepted() > 0)
                    && (report.idle() == null || report.idle().established() > 0)
                    && (!o.runsSwap() || (report.swap() != null && report.swap().swaps() > 0));
            return ok ? 0 : 1;
        } finally {
            deleteTree(work);
        }
    }

    private static BenchReport measure(BenchOptions o, List<String> words, Map<String, String> options, Path work) throws IOException, InterruptedException {
        Environment env = Environment.detect(Path.of("").toAbsolutePath());
        List<String> warnings = new ArrayList<>();
        List<PhaseResult> phases = new ArrayList<>();
        List<String> profile = List.of();
        List<Calibration.Step> calibration = List.of();
        Map<String, List<String>> pacedProfiles = new LinkedHashMap<>();
        List<String> launcher = launcher(o.jar());
        String defaultKey = randomPublicKeyHex();
        List<String> setup = new ArrayList<>();
        setup.add("load: " + (o.target() != null ? "pool at " + o.target() : "pool started per mode as `" + String.join(" ", launcher) + " pool`")
                + "; pool JVM options: " + (o.poolJvm().isEmpty() ? "(none)" : "`" + String.join(" ", o.poolJvm()) + "`"));
        setup.add(String.format(Locale.ROOT, "load connections: %,d %s, window %d (mode (c): %d), ehash extension %s; maximum phases %.1f s + %.1f s warm-up, paced %.1f s + %.1f s at %s of (a) in (a) and (b), %.0f%% in (d), and %.0f%%",
                o.connections(), o.noise() ? "Noise" : "plaintext", o.window(), o.batchWindow(), o.quotes() ? "on (ShareQuote per share)" : "off",
                o.duration().toMillis() / 1e3, o.warmup().toMillis() / 1e3, o.pacedDuration().toMillis() / 1e3, o.pacedWarmup().toMillis() / 1e3,
                o.pacedFractions().stream().map(f -> Math.round(100 * f) + "%").collect(java.util.stream.Collectors.joining(", ")),
                100 * o.pacedFraction(), 100 * o.lightFraction()));
        if (!o.noise()) {
            setup.add("paced phases: the open-loop generator (OpenLoopGenerator: pre-encoded submit rings on non-blocking sockets, "
                    + "two sender and two selector threads, header-only reply parsing, latency from each submit's due time), HdrHistogram");
        }
        setup.add("pool settings: " + commonSettings(o.noise(), o.connections(), defaultKey) + (o.poolSettings().isEmpty() ? "" : " + " + withoutPassword(o.poolSettings())));
        if (o.runsLoad()) {
            double aMax = 0;
            for (Mode mode : modes(o)) {
                boolean external = o.target() != null;
                int window = mode.id().equals("c") ? o.batchWindow() : o.window();
                Path dir = work.resolve("mode-" + mode.id());
                Map<String, String> settings = new LinkedHashMap<>(commonSettings(o.noise(), o.connections(), defaultKey));
                settings.putAll(mode.poolSettings());
                settings.putAll(o.poolSettings());
                PoolProcess pool = null;
                PoolProcess mint = null;
                BenchPostgres postgres = null;
                Map<String, String> environment = Map.of();
                try {
                    if (mode.postgres() && !external) {
                        String why = BenchPostgres.unavailable();
                        if (why == null) {
                            try {
                                postgres = BenchPostgres.start();
                            } catch (IOException e) {
                                why = "its PostgreSQL server did not start: " + e.getMessage();
                            }
                        }
                        if (why != null) {
                            System.out.println(mode.label() + " SKIPPED: " + why);
                            warnings.add(mode.label() + " skipped: " + why);
                            continue;
                        }
                        setup.add(mode.label() + ": the pool's embedded mint with mint.db.url on " + postgres.describe()
                                + ", a new database, the password in the pool's environment; the server's CPU and WAL syncs read around each phase");
                        settings.put("mint.db.url", postgres.url());
                        environment = postgres.environment();
                    }
                    byte[] authority = null;
                    if (o.noise()) authority = external ? AuthorityKey.parsePublicKey(requireKey(o)) : AuthorityKey.loadOrCreate(dir).publicKey();
                    if (!external && mode.remoteMint()) {
                        mint = startMint(launcher, o, settings, work.resolve("mode-" + mode.id() + "-mint"));
                        settings.put("mint.link.address", "127.0.0.1:" + mint.minerAddress().getPort());
                    }
                    if (mode.sv1Load()) settings.put("pool.sv1.listen", "127.0.0.1:" + PoolProcess.freePort());
                    if (!external) pool = PoolProcess.start(launcher, o.poolJvm(), settings, environment, dir, START_TIMEOUT);
                    if (mode.sv1Load() && pool != null) {
                        // (e): SV1 miners instead of the SV2 load connections; one maximum phase, beside (a)'s
                        Logger.info("{}: connecting {} SV1 miners", mode.label(), o.connections());
                        PhaseResult sv1 = Sv1Load.run(mode, hostPort(settings.get("pool.sv1.listen")), o.connections(), window,
                                o.connectConcurrency(), o.warmup(), o.duration(), probe(pool), warnings);
                        phases.add(sv1);
                        progress(sv1);
                        continue;
                    }
                    InetSocketAddress address = external ? hostPort(o.target()) : pool.minerAddress();
                    LoadRunner runner = new LoadRunner(pool == null ? PoolProbe.NONE : probe(pool, postgres), warnings);
                    Connector connector = new Connector(address, authority, MAX_FRAME_BYTES, READ_TIMEOUT_MS, o.connections() > Connector.PER_SOURCE);
                    Logger.info("{}: connecting {} load connections", mode.label(), o.connections());
                    List<LoadConnection> conns = runner.connect(connector, o.connections(), o.connectConcurrency(), o.quotes(), window);
                    if (conns.isEmpty()) throw new IOException("no load connection could be set up" + (pool == null ? "" : "; pool log:\n" + pool.logTail(20)));
                    try {
                        LoadRunner.prepare(conns, shares(o.prepareRate(), o.warmup().plus(o.duration()), conns.size(), window));
                        Path jfr = work.resolve("pool-" + mode.id() + ".jfr");
                        boolean profiling = o.profile() && pool != null && mode.id().equals(o.profileMode());
                        if (profiling) pool.startRecording(jfr);
                        Path mintJfr = work.resolve("mint-" + mode.id() + ".jfr");
                        if (profiling && mint != null) mint.startRecording(mintJfr);
                        PhaseResult max = runner.closed(mode, conns, window, o.warmup(), o.duration());
                        if (profiling) {
                            pool.stopRecording();
                            profile = JfrSummary.summarize(jfr, 20);
                            if (mint != null) {
                                mint.stopRecording();
                                List<String> both = new ArrayList<>(profile);
                                both.add("");
                                both.add("the mint process (sharemint mint) in the same phase:");
                                both.addAll(JfrSummary.summarize(mintJfr, 20));
                                profile = both;
                            }
                            if (o.keepJfr() != null) Files.copy(jfr, o.keepJfr(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                        phases.add(max);
                        progress(max);
                        if (mode.id().equals("a")) aMax = max.acceptedPerSecond();
                        boolean calibrating = (mode.id().equals("a") || external) && o.calibrate() && o.pacedDuration().toNanos() > 0;
                        if (!mode.id().equals("c")) {
                            for (double fraction : pacedFractions(o, mode)) {
                                double rate = fraction * (aMax > 0 ? aMax : max.acceptedPerSecond());
                                if (rate <= 0 || o.pacedDuration().toNanos() <= 0) continue;
                                settle(o.settle(), warnings);
                                if (calibrating) {
                                    // once the maximum phase's writes have settled, before the first paced phase
                                    calibration = calibrate(o, conns.size(), external ? max.acceptedPerSecond() : aMax, warnings);
                                    calibrating = false;
                                }
                                LoadRunner.prepare(conns, shares(rate, o.pacedWarmup().plus(o.pacedDuration()), conns.size(), window));
                                PhaseResult paced = pacedPhase(runner, mode, conns, window, rate, o.pacedWarmup(), o.pacedDuration());
                                phases.add(paced);
                                progress(paced);
                                if (profiling(o, pool, mode) && fraction == PROFILED_FRACTION) {
                                    pacedProfiles.put(mode.label() + " at " + paced.load(), profilePaced(o, pool, runner, mode, conns, window, rate, work));
                                }
                            }
                        }
                    } finally {
                        LoadRunner.closeAll(conns);
                    }
                } finally {
                    if (pool != null) pool.close();
                    if (mint != null) mint.close();
                    if (postgres != null) postgres.close();
                }
                if (external) break;
            }
        }
        SwapLoad.Result swap = null;
        if (o.runsSwap()) swap = swap(o, launcher, work, warnings);
        IdleResult idle = null;
        if (o.runsScale()) idle = scale(o, launcher, defaultKey, work, warnings);
        List<JmhResults.Row> jmh = List.of();
        try {
            jmh = JmhResults.read(o.jmh());
        } catch (IOException | RuntimeException e) {
            warnings.add("cannot read JMH results " + o.jmh() + ": " + e.getMessage());
        }
        String command = "sharemint bench " + String.join(" ", words) + options.entrySet().stream()
                .map(e -> " --" + e.getKey() + "=" + e.getValue()).reduce("", String::concat);
        return new BenchReport(env, command.replace("  ", " ").strip(), setup, phases, idle, profile, jmh, warnings, calibration, pacedProfiles, swap);
    }

    /** The paced rate (of (a)'s maximum) whose deferral cost is judged, and where the pool is profiled. */
    static final double PROFILED_FRACTION = 0.5;

    /** (a) and (b) run the whole ladder of --paced-fractions; the other modes --paced-fraction; all then the light rate. */
    private static List<Double> pacedFractions(BenchOptions o, Mode mode) {
        List<Double> f = new ArrayList<>();
        if (mode.id().equals("a") || mode.id().equals("b")) f.addAll(o.pacedFractions());
        else if (!mode.postgres()) f.add(o.pacedFraction()); // (a-pg): only the light rate, its reply latency beside (a)'s
        if (o.lightFraction() > 0 && !f.contains(o.lightFraction())) f.add(o.lightFraction());
        return f;
    }

    /** The open-loop generator where the connections allow it (plaintext), else the per-connection readers. */
    private static PhaseResult pacedPhase(LoadRunner runner, Mode mode, List<LoadConnection> conns, int window, double rate, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        PhaseResult r = runner.openLoop(mode, conns, window, rate, warmup, measure);
        return r != null ? r : runner.paced(mode, conns, window, rate, warmup, measure);
    }

    private static boolean profiling(BenchOptions o, PoolProcess pool, Mode mode) {
        return o.profile() && pool != null && (mode.id().equals("a") || mode.id().equals("b"));
    }

    /**
     * A second, shorter phase at the judged rate with the pool under JFR (so the measured row is
     * not slowed by the recording); the summary goes into the report, which shows it when the
     * deferral goal is missed.
     */
    private static List<String> profilePaced(BenchOptions o, PoolProcess pool, LoadRunner runner, Mode mode, List<LoadConnection> conns, int window,
            double rate, Path work) throws IOException, InterruptedException {
        Duration measure = o.pacedDuration().compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : o.pacedDuration();
        LoadRunner.prepare(conns, shares(rate, o.pacedWarmup().plus(measure), conns.size(), window));
        Path jfr = work.resolve("pool-" + mode.id() + "-paced.jfr");
        pool.startRecording(jfr);
        PhaseResult p = pacedPhase(new LoadRunner(PoolProbe.NONE, new ArrayList<>()), mode, conns, window, rate, o.pacedWarmup(), measure);
        pool.stopRecording();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "(this recorded phase: %,.0f accepted/s, p99 %s)", p.acceptedPerSecond(), ReportWriter.micros(p.latency().quantile(0.99))));
        lines.addAll(JfrSummary.summarize(jfr, 15));
        return lines;
    }

    /**
     * The generator against the in-process echo at twice each rate (a) and (b) will be offered,
     * lightest first, stopping at the first it cannot hold.
     */
    private static List<Calibration.Step> calibrate(BenchOptions o, int connections, double aMax, List<String> warnings) throws InterruptedException {
        List<Calibration.Step> steps = new ArrayList<>();
        List<Double> fractions = new ArrayList<>(o.pacedFractions());
        fractions.sort(null);
        // the first step also warms the generator's and the echo's code up (this JVM has not run them yet)
        Duration warmup = o.pacedWarmup().compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : o.pacedWarmup();
        Duration measure = o.pacedDuration().compareTo(Duration.ofSeconds(3)) > 0 ? Duration.ofSeconds(3) : o.pacedDuration();
        for (double f : fractions) {
            double rate = 2 * f * aMax;
            if (rate <= 0) continue;
            try {
                Calibration.Step s = Calibration.run(connections, rate, warmup, measure, 0);
                steps.add(s);
                Logger.info("generator calibration, {} connections to the in-process echo, 2 x {}% of (a): {}", connections, Math.round(100 * f), s.describe());
                if (!s.held()) break;
            } catch (IOException e) {
                warnings.add("generator calibration failed: " + e);
                break;
            }
        }
        return steps;
    }

    /** The swap endpoint's phase: 3 s warm-up and 10 s measured (the maximum phases' when shorter), requests made for 10,000 outputs/s (times 1.5). */
    private static SwapLoad.Result swap(BenchOptions o, List<String> launcher, Path work, List<String> warnings) throws InterruptedException {
        Duration warmup = o.warmup().compareTo(Duration.ofSeconds(3)) < 0 ? o.warmup() : Duration.ofSeconds(3);
        Duration duration = o.duration().compareTo(Duration.ofSeconds(10)) < 0 ? o.duration() : Duration.ofSeconds(10);
        try {
            Logger.info("swap load: {} clients, {} s + {} s warm-up", o.swapClients(), duration.toMillis() / 1e3, warmup.toMillis() / 1e3);
            SwapLoad.Result r = SwapLoad.run(launcher, o.poolJvm(), work.resolve("swap-mint"), o.swapClients(), o.swapOutputs(), warmup, duration, 10_000);
            if (r.errors() > 0) warnings.add("swap load: " + r.errors() + " requests failed; first: " + r.firstError());
            if (r.ranOut()) warnings.add("swap load: the requests made in advance ran out before the interval's end (the rate is over the shorter interval)");
            Logger.info("swap load: {} outputs/s", String.format(Locale.ROOT, "%,.0f", r.outputsPerSecond()));
            return r;
        } catch (IOException e) {
            warnings.add("swap load failed: " + e.getMessage());
            return null;
        }
    }

    /**
     * Mode (d)'s mint process, on the mint link's settings of the mode; over Noise, its authority
     * key is made here first (the mint loads it from its data dir) and pinned in the pool's settings.
     */
    private static PoolProcess startMint(List<String> launcher, BenchOptions o, Map<String, String> poolSettings, Path dir)
            throws IOException, InterruptedException {
        Map<String, String> mintSettings = new LinkedHashMap<>();
        mintSettings.put("mint.link.noise", poolSettings.get("mint.link.noise"));
        if (Boolean.parseBoolean(poolSettings.get("mint.link.noise"))) {
            poolSettings.put("mint.link.authority-key", AuthorityKey.loadOrCreate(dir).publicKeyBase58());
        }
        return PoolProcess.startMint(launcher, o.poolJvm(), mintSettings, dir, START_TIMEOUT);
    }

    /**
     * Before a paced phase: after a maximum phase the ledger still checkpoints its backlog and the
     * kernel writes it back for seconds, slowing every commit's sync; a paced phase would measure
     * that, not the deferral. Waits {@code minimum}, then until the kernel holds at most
     * {@link #SETTLED_UNWRITTEN_BYTES} of unwritten file data (at most {@link #SETTLE_LIMIT}).
     */
    private static void settle(Duration minimum, List<String> warnings) throws InterruptedException {
        if (minimum.isZero()) return;
        Thread.sleep(minimum);
        long end = System.nanoTime() + SETTLE_LIMIT.toNanos();
        long unwritten = -1;
        try {
            while ((unwritten = ProcFs.unwrittenBytes()) > SETTLED_UNWRITTEN_BYTES && System.nanoTime() < end) Thread.sleep(200);
        } catch (IOException e) {
            return; // no /proc/meminfo: the fixed pause is all there is
        }
        if (unwritten > SETTLED_UNWRITTEN_BYTES) {
            warnings.add(String.format(Locale.ROOT, "a paced phase started with %,d KiB of file data still unwritten (after %d s)",
                    unwritten / 1024, SETTLE_LIMIT.toSeconds() + minimum.toSeconds()));
        }
    }

    private static IdleResult scale(BenchOptions o, List<String> launcher, String defaultKey, Path work, List<String> warnings)
            throws IOException, InterruptedException {
        if (o.target() != null) {
            warnings.add("connection scale needs a pool process it starts itself (RSS); skipped with --target");
            return null;
        }
        int n = o.idleConnections();
        long fdLimit = fileDescriptorLimit();
        if (fdLimit > 0 && n + 1000 > fdLimit) {
            int capped = (int) Math.max(1, fdLimit - 1000);
            warnings.add(String.format("idle connections capped at %,d: the file descriptor limit is %,d (ulimit -n) and each side needs one per connection; raise it for %,d",
                    capped, fdLimit, n));
            n = capped;
        }
        Path dir = work.resolve("scale");
        Map<String, String> settings = new LinkedHashMap<>(commonSettings(true, n, defaultKey));
        settings.putAll(Mode.full().poolSettings());
        settings.putAll(o.poolSettings());
        byte[] authority = AuthorityKey.loadOrCreate(dir).publicKey();
        try (PoolProcess pool = PoolProcess.start(launcher, o.poolJvm(), settings, dir, START_TIMEOUT)) {
            Connector connector = new Connector(pool.minerAddress(), authority, MAX_FRAME_BYTES, READ_TIMEOUT_MS, n > Connector.PER_SOURCE);
            Logger.info("connection scale: {} idle Noise connections", n);
            IdleResult r = IdleScale.run(pool, connector, n, o.connectConcurrency(), warnings);
            Logger.info("{} idle connections in {} s; pool RSS {} -> {}", r.established(), String.format(Locale.ROOT, "%.1f", r.connectSeconds()),
                    ReportWriter.bytes(r.rssBefore()), ReportWriter.bytes(r.rssAfter()));
            return r;
        }
    }

    /** The settings every pool under test gets: shares easy to make and fresh for the whole run. */
    static Map<String, String> commonSettings(boolean noise, int connections, String defaultLockingKey) {
        Map<String, String> s = new LinkedHashMap<>();
        putIfKnown(s, "pool.noise", Boolean.toString(noise));
        putIfKnown(s, "pool.max-connections", Integer.toString(Math.max(100_000, connections + 1000)));
        // the easiest channel target: every nonce makes a valid share, so none is ground during the run
        putIfKnown(s, "channel.min-difficulty", "1e-12");
        putIfKnown(s, "channel.shares-per-minute", "60000");
        putIfKnown(s, "jobs.block-interval-ms", "86400000");
        putIfKnown(s, "jobs.refresh-ms", "86400000");
        putIfKnown(s, "ehash.min-leading-zeros", "0");
        putIfKnown(s, "ehash.default-locking-key", defaultLockingKey);
        putIfKnown(s, "shutdown.drain-ms", "3000");
        return s;
    }

    /** A fresh compressed secp256k1 public key as 66 hex digits (a NUT-20 locking key nobody will redeem with). */
    static String randomPublicKeyHex() {
        return HexFormat.of().formatHex(Secp256k1.compressed(Secp256k1.mulG(Secp256k1.randomScalar(new SecureRandom()))));
    }

    /** Only keys this build knows, with values it accepts (the pool under test is the same build). */
    private static void putIfKnown(Map<String, String> s, String key, String value) {
        Key k = Keys.BY_NAME.get(key);
        if (k != null && k.type().check(value) == null) s.put(key, value);
    }

    private static List<Mode> modes(BenchOptions o) {
        if (o.target() != null) return List.of(new Mode("x", "pool at " + o.target(), Map.of()));
        List<Mode> m = new ArrayList<>();
        for (String id : o.modes()) {
            m.add(switch (id) {
                case "a" -> Mode.full();
                case "a-pg" -> Mode.fullOnPostgres();
                case "b" -> Mode.immediate();
                case "d" -> Mode.remote(false);
                case "dn" -> Mode.remote(true);
                case "e" -> Mode.sv1();
                default -> Mode.batched(o.batchSize());
            });
        }
        return m;
    }

    private static PoolProbe probe(PoolProcess pool) {
        return probe(pool, null);
    }

    /** The pool's readings; with {@code postgres}, its server's readings join the /metrics scrapes (PoolView reads them back). */
    private static PoolProbe probe(PoolProcess pool, BenchPostgres postgres) {
        return new PoolProbe() {
            public double cpuSeconds() {
                try {
                    return pool.cpuSeconds();
                } catch (IOException e) {
                    return Double.NaN;
                }
            }

            public long rssBytes() {
                try {
                    return pool.rssBytes();
                } catch (IOException e) {
                    return -1;
                }
            }

            public long heapUsedBytes() throws InterruptedException {
                return pool.heapUsedBytes();
            }

            public Map<String, Double> metrics() {
                try {
                    Map<String, Double> m = PoolView.parse(pool.get("/metrics"));
                    if (postgres != null) m.putAll(postgres.samples());
                    return m;
                } catch (IOException e) {
                    Logger.warn("pool /metrics: {}", e.getMessage());
                    return Map.of();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Map.of();
                }
            }
        };
    }

    /** How to start the pool: java -jar JAR, or this process's classpath when not run from a jar. */
    static List<String> launcher(String jar) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jar != null) return List.of(java, "-jar", jar);
        try {
            Path self = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) return List.of(java, "-jar", self.toString());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            Logger.debug("own code location unknown: {}", e.getMessage());
        }
        return List.of(java, "-cp", System.getProperty("java.class.path"), "org.sharemint.Main");
    }

    private static void write(BenchOptions o, BenchReport report) throws IOException {
        String hand = null;
        if (Files.isRegularFile(o.results())) hand = ReportWriter.handWritten(Files.readString(o.results(), StandardCharsets.UTF_8));
        if (o.results().getParent() != null) Files.createDirectories(o.results().getParent());
        Files.writeString(o.results(), ReportWriter.markdown(report, hand), StandardCharsets.UTF_8);
        if (!report.phases().isEmpty()) {
            List<LatencyPlot.Series> series = new ArrayList<>();
            for (PhaseResult p : report.phases()) series.add(new LatencyPlot.Series(p.mode().label() + ", " + p.load(), p.latency()));
            if (o.svg().getParent() != null) Files.createDirectories(o.svg().getParent());
            Files.writeString(o.svg(), LatencyPlot.svg(String.format("sharemint reply latency, %,d connections (%s)", report.phases().get(0).connections(),
                    report.environment().date()), series), StandardCharsets.UTF_8);
        }
        Logger.info("wrote {} and {}", o.results(), o.svg());
    }

    /**
     * Nonces per connection for {@code perSecond} over {@code time}, with a margin; at most
     * {@value #MAX_PREPARED_PER_CONNECTION_PER_SECOND}/s per connection (beyond, a few are ground on demand).
     */
    private static int shares(double perSecond, Duration time, int connections, int window) {
        double each = Math.min(perSecond * 1.1 / connections, MAX_PREPARED_PER_CONNECTION_PER_SECOND) * (time.toNanos() / 1e9);
        return (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(each) + 2L * window);
    }

    private static void progress(PhaseResult p) {
        Logger.info(String.format(Locale.ROOT, "%s %s: %,.0f accepted/s, p50 %s, p99 %s, p99.9 %s, %d errors %s, pool CPU %.1f us/share",
                p.mode().label(), p.load(), p.acceptedPerSecond(), ReportWriter.micros(p.latency().quantile(0.5)), ReportWriter.micros(p.latency().quantile(0.99)),
                ReportWriter.micros(p.latency().quantile(0.999)), p.errorCount(), p.errors(), p.poolCpuMicrosPerShare()));
    }

    private static String requireKey(BenchOptions o) throws IOException {
        if (o.authorityKey() == null) throw new IOException("--noise with --target needs --authority-key=BASE58 (the pool's Noise authority public key)");
        return o.authorityKey();
    }

    private static InetSocketAddress hostPort(String s) {
        int colon = s.lastIndexOf(':'); // checked as HOST:PORT by BenchOptions
        return new InetSocketAddress(s.substring(0, colon).replace("[", "").replace("]", ""), Integer.parseInt(s.substring(colon + 1)));
    }

    private static long fileDescriptorLimit() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return -1;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    Logger.debug("cannot delete {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            Logger.warn("cannot clean up {}: {}", root, e.getMessage());
        }
    }

    /** The pool's settings as shown: a database password given as --mint.db.password is not. */
    private static Map<String, String> withoutPassword(Map<String, String> settings) {
        Map<String, String> shown = new LinkedHashMap<>(settings);
        shown.computeIfPresent("mint.db.password", (k, v) -> "***");
        return shown;
    }
}
