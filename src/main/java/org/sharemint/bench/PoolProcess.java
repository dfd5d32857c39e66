package org.sharemint.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinylog.Logger;

/**
 * The pool under test as a child JVM ({@code java -jar sharemint.jar pool ...}, or the same
 * classpath as this process when it does not run from a jar), so that its CPU time and
 * resident memory are measured apart from the generator's. Its output goes to a log file in
 * its data directory. {@link #close()} sends SIGTERM and waits for a clean exit.
 */
final class PoolProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final String[] HEAP_GAUGES = {"sharemint_jvm_heap_used_bytes", "jvm_memory_used_bytes{area=\"heap\"}",
        "jvm_memory_bytes_used{area=\"heap\"}", "jvm_heap_used_bytes"};

    private final Process process;
    private final InetSocketAddress minerAddress;
    private final InetSocketAddress probeAddress;
    private final InetSocketAddress monitorAddress;
    private final Path dataDir;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean heapFromMetrics = true;

    private PoolProcess(Process process, InetSocketAddress minerAddress, InetSocketAddress probeAddress, InetSocketAddress monitorAddress,
            Path dataDir, Path log) {
        this.process = process;
        this.minerAddress = minerAddress;
        this.probeAddress = probeAddress;
        this.monitorAddress = monitorAddress;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts a pool on free loopback ports with {@code settings} (configuration keys) and waits
     * until its /health answers.
     *
     * @param launcher how to start the jar: the java binary and the arguments before "pool"
     */
    static PoolProcess start(List<String> launcher, List<String> jvmOptions, Map<String, String> settings, Path dataDir, Duration startTimeout)
            throws IOException, InterruptedException {
        return start("pool", launcher, jvmOptions, settings, Map.of(), dataDir, startTimeout);
    }

    /**
     * {@link #start} with {@code environment} added to the child's (a secret such as
     * SHAREMINT_DB_PASSWORD goes there: a command line shows in ps and in this log).
     */
    static PoolProcess start(List<String> launcher, List<String> jvmOptions, Map<String, String> settings, Map<String, String> environment, Path dataDir,
            Duration startTimeout) throws IOException, InterruptedException {
        return start("pool", launcher, jvmOptions, settings, environment, dataDir, startTimeout);
    }

    /**
     * {@code sharemint mint} alone (mode (d)), the same way: {@link #minerAddress()} is then where
     * pools link to it (mint.link.address), and it is up once its /health answers.
     */
    static PoolProcess startMint(List<String> launcher, List<String> jvmOptions, Map<String, String> settings, Path dataDir, Duration startTimeout)
            throws IOException, InterruptedException {
        return start("mint", launcher, jvmOptions, settings, Map.of(), dataDir, startTimeout);
    }

    /**
     * A free port is found, closed, and handed to the child, which binds it seconds later: on a
     * busy machine another socket may take it meanwhile. The child then exits "in use", and the
     * start is tried again on fresh ports (three times at most).
     */
    private static PoolProcess start(String command, List<String> launcher, List<String> jvmOptions, Map<String, String> settings,
            Map<String, String> environment, Path dataDir, Duration startTimeout) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(command, launcher, jvmOptions, settings, environment, dataDir, startTimeout);
            } catch (IOException e) {
                if (attempt >= 3 || e.getMessage() == null || !e.getMessage().contains("is in use")) throw e;
                Logger.warn("{} start-up: a port was taken before the child bound it; trying again on fresh ports", command);
            }
        }
    }

    private static PoolProcess startOnce(String command, List<String> launcher, List<String> jvmOptions, Map<String, String> settings,
            Map<String, String> environment, Path dataDir, Duration startTimeout) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        InetSocketAddress listen = new InetSocketAddress("127.0.0.1", freePort());
        InetSocketAddress monitor = new InetSocketAddress("127.0.0.1", freePort());
        Map<String, String> all = new LinkedHashMap<>();
        all.put("data.dir", dataDir.toString());
        all.put(command.equals("mint") ? "mint.link.address" : "pool.listen", "127.0.0.1:" + listen.getPort());
        all.put("monitor.listen", "127.0.0.1:" + monitor.getPort());
        all.put("mint.http.listen", "127.0.0.1:" + freePort());
        all.putAll(settings);
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.get(0));
        cmd.addAll(jvmOptions);
        cmd.addAll(launcher.subList(1, launcher.size()));
        cmd.add(command);
        all.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        Path log = dataDir.resolve(command + ".log");
        Logger.info("starting {}: {}", command, String.join(" ", cmd));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        Process p = pb.start();
        // a mint's link port takes no bare connection without a log line: its monitor port is probed instead
        PoolProcess pool = new PoolProcess(p, listen, command.equals("mint") ? monitor : listen, monitor, dataDir, log);
        try {
            pool.awaitHealthy(startTimeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    long pid() {
        return process.pid();
    }

    InetSocketAddress minerAddress() {
        return minerAddress;
    }

    Path dataDir() {
        return dataDir;
    }

    Path log() {
        return log;
    }

    long rssBytes() throws IOException {
        return ProcFs.rssBytes(process.pid());
    }

    /**
     * The resident set once it stopped moving: sampled every 200 ms until two samples in a row
     * differ by under 1% (at most 5 s). After a full GC G1 gives the freed regions back to the
     * OS on a background thread, so an RSS read at once lands anywhere between before and after.
     */
    long settledRssBytes() throws IOException, InterruptedException {
        long last = rssBytes();
        for (int i = 0; i < 25; i++) {
            Thread.sleep(200);
            long now = rssBytes();
            if (Math.abs(now - last) < last / 100) return now;
            last = now;
        }
        return last;
    }

    double cpuSeconds() throws IOException {
        return ProcFs.cpuSeconds(process.pid());
    }

    /**
     * The pool's used heap in bytes: a heap gauge from its /metrics when it exports one, else
     * jcmd GC.heap_info; -1 when neither works.
     */
    long heapUsedBytes() throws InterruptedException {
        if (heapFromMetrics) {
            try {
                String metrics = get("/metrics");
                for (String line : metrics.split("\n")) {
                    for (String gauge : HEAP_GAUGES) {
                        if (line.startsWith(gauge + " ")) return (long) Double.parseDouble(line.substring(gauge.length() + 1).strip());
                    }
                }
                heapFromMetrics = false;
                Logger.info("the pool's /metrics has no heap gauge ({}): asking jcmd GC.heap_info", String.join(", ", HEAP_GAUGES));
            } catch (IOException e) {
                heapFromMetrics = false;
                Logger.warn("pool /metrics unreadable ({}): asking jcmd GC.heap_info", e.getMessage());
            }
        }
        try {
            String info = jcmd("GC.heap_info");
            Matcher m = HEAP_USED.matcher(info);
            if (m.find()) return Long.parseLong(m.group(1)) * 1024;
            Logger.warn("no heap use in jcmd GC.heap_info: {}", info.strip());
            return -1;
        } catch (IOException e) {
            Logger.warn("jcmd GC.heap_info failed: {}", e.getMessage());
            return -1;
        }
    }

    /** A class histogram of the pool's live heap. */
    record HeapHistogram(long liveBytes, List<String> top) {}

    /**
     * jcmd GC.class_histogram, which runs a full GC first: the live heap in bytes (its Total
     * line) and the {@code top} classes by bytes, what the heap per connection is made of.
     * Bytes -1 and no classes when jcmd fails.
     */
    HeapHistogram heapHistogram(int top) throws InterruptedException {
        try {
            List<String> out = new ArrayList<>();
            long total = -1;
            for (String line : jcmd("GC.class_histogram").split("\n")) {
                String t = line.strip();
                if (t.matches("\\d+:\\s+\\d+\\s+\\d+\\s+.*") && out.size() < top) out.add(t);
                if (t.startsWith("Total")) total = Long.parseLong(t.split("\\s+")[2]);
            }
            return new HeapHistogram(total, out);
        } catch (IOException | RuntimeException e) {
            Logger.warn("jcmd GC.class_histogram failed: {}", e.getMessage());
            return new HeapHistogram(-1, List.of());
        }
    }

    /** Starts a JFR recording with the profile settings. */
    void startRecording(Path file) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=bench", "settings=profile", "jdk.CPUTimeSample#enabled=true", "jdk.CPUTimeSample#throttle=2ms", "filename=" + file);
    }

    /** Stops the recording started by {@link #startRecording}, which writes its file. */
    void stopRecording() throws IOException, InterruptedException {
        jcmd("JFR.stop", "name=bench");
    }

    String get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorAddress.getPort() + path)).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        return r.body();
    }

    /** The last lines of the pool's log, for an error message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private String jcmd(String... args) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        List<String> cmd = new ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(process.pid())));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("jcmd " + String.join(" ", args) + " failed: " + out.strip());
        return out;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("the pool exited with " + process.exitValue() + " during start-up:\n" + logTail(30));
            try (Socket s = new Socket()) {
                s.connect(probeAddress, 1000);
                get("/health");
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("the pool did not become healthy within " + timeout.toSeconds() + " s (" + last + "):\n" + logTail(30));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** SIGTERM, then up to 30 s for the pool's drain and clean exit; SIGKILL after that. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            Logger.warn("pool {} did not exit 30 s after SIGTERM: killing it", process.pid());
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        } else if (process.exitValue() != 0 && process.exitValue() != 143) {
            Logger.warn("pool {} exited with {}; log {}", process.pid(), process.exitValue(), log);
        }
    }
}
