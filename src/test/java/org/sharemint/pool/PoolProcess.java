package org.sharemint.pool;

import static org.sharemint.pool.Sv2TestClient.waiting;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code sharemint pool} (embedded mint, plaintext miners) as its own process, waited for until it prints its ports. */
final class PoolProcess implements AutoCloseable {
    private static final Pattern MINERS = Pattern.compile("(?m)^  miners: +127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("(?m)^  cashu http: http://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern METRICS = Pattern.compile("(?m)^  metrics: +http://127\\.0\\.0\\.1:(\\d+)");

    final ChildProcess child;
    final InetSocketAddress miners;
    final int httpPort;
    final int metricsPort;

    private PoolProcess(ChildProcess child, int minerPort, int httpPort, int metricsPort) {
        this.child = child;
        this.miners = new InetSocketAddress("127.0.0.1", minerPort);
        this.httpPort = httpPort;
        this.metricsPort = metricsPort;
    }

    /**
     * The pool with its ledger in {@code dataDir}, on {@code minerPort} (0: any), plaintext, test
     * difficulty; {@code nofile} &gt; 0 runs it under that {@code ulimit -n}; then {@code more} options.
     */
    static PoolProcess start(Path dataDir, int minerPort, int nofile, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("pool", "--data.dir=" + dataDir, "--pool.listen=127.0.0.1:" + minerPort,
                "--mint.http.listen=127.0.0.1:0", "--monitor.listen=127.0.0.1:0", "--pool.noise=false",
                "--channel.min-difficulty=0.000000001", "--shutdown.drain-ms=2000"));
        args.addAll(List.of(more));
        ChildProcess c = nofile > 0 ? ChildProcess.startWithFileLimit(nofile, args.toArray(String[]::new))
                : ChildProcess.start(args.toArray(String[]::new));
        try {
            waiting().atMost(java.time.Duration.ofSeconds(90)).until(() -> METRICS.matcher(c.log()).find() || !c.process.isAlive());
            String log = c.log();
            Matcher m = MINERS.matcher(log);
            Matcher h = HTTP.matcher(log);
            Matcher x = METRICS.matcher(log);
            if (!m.find() || !h.find() || !x.find()) throw new AssertionError("the pool did not start:\n" + log);
            PoolProcess p = new PoolProcess(c, Integer.parseInt(m.group(1)), Integer.parseInt(h.group(1)), Integer.parseInt(x.group(1)));
            p.awaitServing();
            return p;
        } catch (RuntimeException | Error e) {
            c.kill();
            throw e;
        }
    }

    /**
     * Waits (up to 90 s) until the pool answers a SetupConnection: a fresh JVM on a loaded host
     * can take longer than a test client's wait over its first connection.
     */
    private void awaitServing() {
        byte[] setup = org.sharemint.wire.Codec.toBytes(new org.sharemint.wire.SetupConnection(0, 2, 2, 0, "127.0.0.1", 0, "warm-up", "", "", ""));
        waiting().atMost(java.time.Duration.ofSeconds(90)).pollInterval(java.time.Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            try (java.net.Socket s = new java.net.Socket(miners.getAddress(), miners.getPort())) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write(setup);
                return s.getInputStream().readNBytes(6).length == 6;
            }
        });
    }

    String log() {
        return child.log();
    }

    String mintUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** CPU time (user + system) the process has used so far, in clock ticks (/proc/PID/stat). */
    long cpuTicks() throws Exception {
        String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(child.process.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime: fields 14 and 15
    }

    void kill() throws InterruptedException {
        child.kill();
    }

    @Override
    public void close() throws InterruptedException {
        child.close();
    }
}
