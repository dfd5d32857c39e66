package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.http.RawHttp;

/**
 * The pool as its own process: stalled HTTP requests to its mint API cannot take the descriptors
 * the miner port needs (the API's connections are bounded; a low {@code ulimit -n} in the child),
 * nothing spins meanwhile, and HEAD requests put nothing on stderr.
 */
class HttpDescriptorsTest {
    static final Pattern MINERS = Pattern.compile("pool listening for miners on 127\\.0\\.0\\.1:(\\d+)");
    static final Pattern MINT = Pattern.compile("Cashu HTTP API on http://127\\.0\\.0\\.1:(\\d+)");
    static final Pattern MONITOR = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path dir;
    Process child;
    Thread reader;
    final StringBuffer log = new StringBuffer();

    /** {@code sharemint pool} on free loopback ports, plaintext, with {@code ulimit -n fdLimit} (0: as it is) and {@code extra} settings. */
    void startPool(int fdLimit, String... extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            "org.sharemint.Main", "pool", "--data.dir=" + dir, "--pool.listen=127.0.0.1:0", "--monitor.listen=127.0.0.1:0",
            "--mint.http.listen=127.0.0.1:0", "--pool.noise=false"));
        cmd.addAll(List.of(extra));
        StringBuilder shell = new StringBuilder(fdLimit > 0 ? "ulimit -n " + fdLimit + " && exec" : "exec");
        for (String c : cmd) shell.append(" '").append(c.replace("'", "'\\''")).append('\'');
        child = new ProcessBuilder("bash", "-c", shell.toString()).redirectErrorStream(true).start();
        reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) log.append(line).append('\n');
            } catch (IOException e) {
                log.append("(output unreadable: ").append(e).append(")\n");
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive() || MONITOR.matcher(log).find());
        assertTrue(child.isAlive(), () -> "the pool did not start:\n" + log);
    }

    InetSocketAddress address(Pattern p) {
        Matcher m = p.matcher(log);
        assertTrue(m.find(), () -> p + " not in\n" + log);
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
    }

    /** SIGTERM, and the whole output read. */
    void stopPool() throws Exception {
        if (child == null || !child.isAlive()) return;
        child.destroy();
        if (!child.waitFor(30, TimeUnit.SECONDS)) child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        reader.join(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null && child.isAlive()) child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** CPU time the child used so far, in clock ticks (utime + stime of /proc/PID/stat). */
    long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(child.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    @Test
    void stalledHttpRequestsCannotStarveMiners() throws Exception {
        startPool(256, "--mint.http.max-connections=64", "--mint.http.idle-timeout-ms=120000", "--mint.http.header-timeout-ms=120000");
        InetSocketAddress mint = address(MINT);
        ConcurrentLinkedQueue<RawHttp> stalled = new ConcurrentLinkedQueue<>();
        try {
            // 300 requests stalled in their headers: more than the child has descriptors
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 300; i++) {
                    pool.submit(() -> {
                        try {
                            RawHttp c = RawHttp.connect(mint, Duration.ofSeconds(5));
                            stalled.add(c);
                            c.send("GET /v1/info HTTP/1.1\r\nHost: x\r\n");
                        } catch (IOException e) {
                            // held at the door (backlog full): that is the bound working
                        }
                        return null;
                    });
                }
            }
            assertTrue(stalled.size() > 64, "only " + stalled.size() + " connections opened");
            try (Sv2TestClient miner = Sv2TestClient.ready(address(MINERS), false)) {
                assertTrue(miner.received.stream().anyMatch(m -> m instanceof org.sharemint.wire.SetupConnectionSuccess));
            }
            // nothing spins while the flood holds: the child uses well under a core
            long before = cpuTicks();
            long start = System.nanoTime();
            Thread.sleep(5000);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuTicks() - before) / 100.0;
            assertTrue(cpu < seconds / 2, "the pool used " + cpu + " s of CPU in " + seconds + " s with stalled HTTP requests open");
        } finally {
            for (RawHttp c : stalled) c.close();
            stopPool();
        }
        assertTrue(!log.toString().contains("Too many open files"), log::toString);
    }

    @Test
    void headRequestsLeaveStderrAlone() throws Exception {
        startPool(0);
        InetSocketAddress mint = address(MINT);
        InetSocketAddress monitor = address(MONITOR);
        int before = log.length();
        for (String path : List.of("/v1/info", "/v1/keys", "/v1/keysets", "/v1/swap", "/nothing")) {
            try (RawHttp c = RawHttp.connect(mint, Duration.ofSeconds(10))) {
                c.send("HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                RawHttp.Reply r = c.read();
                assertNotNull(r, path);
                assertEquals(path.equals("/nothing") ? 404 : path.equals("/v1/swap") ? 405 : 200, r.status(), path + " -> " + r);
                assertEquals("", r.body(), path + ": a HEAD answer has no body");
            }
        }
        for (String path : List.of("/metrics", "/health")) {
            try (RawHttp c = RawHttp.connect(monitor, Duration.ofSeconds(10))) {
                c.send("HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                RawHttp.Reply r = c.read();
                assertNotNull(r, path);
                assertEquals(200, r.status(), path + " -> " + r);
                assertEquals("", r.body());
            }
        }
        stopPool();
        assertTrue(!log.toString().contains("SLF4J"), () -> "Jetty's logging is not routed into the log:\n" + log);
        String after = log.substring(before);
        for (String line : after.split("\n")) {
            assertTrue(!line.contains("WARN") && !line.contains("ERROR") && !line.contains("HEAD"), "after HEAD requests: " + line + "\n" + after);
        }
    }
}
