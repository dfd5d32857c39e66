package org.sharemint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sharemint.crypto.Secp256k1;
import org.tinylog.Logger;

/**
 * Mode (e): Stratum V1 miners on the pool's pool.sv1.listen, each a closed loop that keeps
 * {@code window} mining.submit calls outstanding and times each until its response (which the
 * pool sends once the share's quote is durable). The bench's easiest target makes every nonce a
 * share, so submits are (extranonce2, nonce) pairs counted up, never ground.
 */
final class Sv1Load {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READ_TIMEOUT_MS = 30_000;

    private Sv1Load() {}

    /** Connects {@code count} SV1 miners ({@code concurrency} at a time), runs one closed-loop phase, closes them. */
    static PhaseResult run(Mode mode, InetSocketAddress address, int count, int window, int concurrency, Duration warmup, Duration measure,
            PoolProbe probe, List<String> warnings) throws InterruptedException, IOException {
        Miner[] made = new Miner[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        String[] firstFailure = new String[1];
        SecureRandom random = new SecureRandom();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < Math.min(concurrency, count); w++) {
                ex.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String key = HexFormat.of().formatHex(Secp256k1.compressed(Secp256k1.mulG(Secp256k1.randomScalar(random))));
                        try {
                            made[i] = Miner.connect(address, key + ".sv1bench" + i);
                        } catch (IOException | RuntimeException e) {
                            failed.incrementAndGet();
                            synchronized (firstFailure) {
                                if (firstFailure[0] == null) {
                                    firstFailure[0] = e.toString();
                                    Logger.warn("sv1 load connection {} failed: {}", i, e.toString());
                                }
                            }
                        }
                    }
                });
            }
        }
        if (failed.get() > 0) warnings.add(failed.get() + " of " + count + " SV1 load connections failed to set up; first: " + firstFailure[0]);
        List<Miner> miners = new ArrayList<>();
        for (Miner m : made) if (m != null) miners.add(m);
        if (miners.isEmpty()) throw new IOException("no SV1 load connection could be set up");
        try {
            return phase(mode, miners, window, warmup, measure, probe, warnings);
        } finally {
            for (Miner m : miners) m.close();
        }
    }

    private static PhaseResult phase(Mode mode, List<Miner> miners, int window, Duration warmup, Duration measure, PoolProbe probe,
            List<String> warnings) throws InterruptedException {
        long t0 = System.nanoTime() + 20_000_000L;
        long start = t0 + warmup.toNanos();
        long end = start + measure.toNanos();
        long drainEnd = end + LoadRunner.DRAIN.toNanos();
        List<Future<Stats>> futures = new ArrayList<>();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Miner m : miners) futures.add(ex.submit(() -> m.closedLoop(t0, start, end, drainEnd, window)));
            LoadRunner.sleepUntil(start);
            double poolCpu0 = probe.cpuSeconds();
            double genCpu0 = LoadRunner.generatorCpu();
            double machine0 = LoadRunner.machineCpu();
            Map<String, Double> metrics0 = probe.metrics();
            LoadRunner.sleepUntil(end);
            double poolCpu1 = probe.cpuSeconds();
            double genCpu1 = LoadRunner.generatorCpu();
            double machine1 = LoadRunner.machineCpu();
            long rss = probe.rssBytes();
            PoolView view = metrics0.isEmpty() ? PoolView.NONE : PoolView.between(metrics0, probe.metrics());
            LatencyHistogram latency = new LatencyHistogram();
            Map<String, Long> errors = new TreeMap<>();
            long accepted = 0, unanswered = 0, difficultyChanges = 0;
            int failures = 0;
            String failure = null;
            for (Future<Stats> f : futures) {
                Stats s;
                try {
                    s = f.get(LoadRunner.DRAIN.toSeconds() + 30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failures++;
                    if (failure == null) failure = e.toString();
                    continue;
                }
                latency.add(s.latency);
                accepted += s.accepted;
                unanswered += s.unanswered;
                difficultyChanges += s.difficultyChanges;
                s.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
                if (s.failure != null) {
                    failures++;
                    if (failure == null) failure = s.failure;
                }
            }
            String what = mode.label() + " max";
            if (failures > 0) warnings.add(what + ": " + failures + " SV1 connections failed; first: " + failure);
            if (unanswered > 0) warnings.add(what + ": " + unanswered + " submits got no response within " + LoadRunner.DRAIN.toSeconds() + " s of the phase's end");
            return new PhaseResult(mode, miners.size(), window, 0, measure.toNanos() / 1e9, accepted, errors, latency, poolCpu1 - poolCpu0,
                    genCpu1 - genCpu0, rss, probe.heapUsedBytes(), difficultyChanges, view,
                    Math.max(0, (machine1 - machine0) - (poolCpu1 - poolCpu0) - (genCpu1 - genCpu0)));
        }
    }

    /** One phase's counts for one miner. */
    static final class Stats {
        final LatencyHistogram latency = new LatencyHistogram();
        final Map<String, Long> errors = new TreeMap<>();
        long accepted;
        long unanswered;
        long difficultyChanges;
        String failure;
    }

    /** One SV1 miner: subscribed, authorized, holding the latest job. */
    static final class Miner implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final BufferedWriter out;
        private final String username;
        private String jobId;
        private String ntime;
        private long extranonce2;
        private int nextId = 10;

        private Miner(Socket socket, String username) throws IOException {
            this.socket = socket;
            this.username = username;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        }

        static Miner connect(InetSocketAddress address, String username) throws IOException {
            Socket s = new Socket();
            try {
                s.connect(address, 10_000);
                s.setTcpNoDelay(true);
                s.setSoTimeout(READ_TIMEOUT_MS);
                Miner m = new Miner(s, username);
                m.call(1, "mining.subscribe", "[\"sharemint-bench\"]");
                m.call(2, "mining.authorize", "[\"" + username + "\",\"x\"]");
                while (m.jobId == null) m.handle(JSON.readTree(m.readLine()), null, null, 0, 0);
                return m;
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }

        private String readLine() throws IOException {
            String line = in.readLine();
            if (line == null) throw new IOException("the pool closed the connection");
            return line;
        }

        private void call(int id, String method, String params) throws IOException {
            out.write("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}\n");
            out.flush();
            while (true) {
                JsonNode n = JSON.readTree(readLine());
                if (n.path("id").asInt(-1) == id) {
                    if (!n.path("error").isNull() && n.has("error")) throw new IOException(method + ": " + n.get("error"));
                    return;
                }
                handle(n, null, null, 0, 0);
            }
        }

        private void submit(Map<Integer, Long> sent) throws IOException {
            int id = nextId++;
            String en2 = String.format("%016x", extranonce2++);
            out.write("{\"id\":" + id + ",\"method\":\"mining.submit\",\"params\":[\"" + username + "\",\"" + jobId + "\",\"" + en2 + "\",\""
                    + ntime + "\",\"00000000\"]}\n");
            sent.put(id, System.nanoTime());
        }

        /** Handles one line: a notification updates the job, a response is timed and counted. */
        private void handle(JsonNode n, Map<Integer, Long> sent, Stats stats, long start, long end) {
            String method = n.path("method").asText("");
            if (method.equals("mining.notify")) {
                JsonNode p = n.get("params");
                jobId = p.get(0).asText();
                ntime = p.get(7).asText();
                return;
            }
            if (method.equals("mining.set_difficulty")) {
                if (stats != null) stats.difficultyChanges++;
                return;
            }
            if (sent == null || !n.path("id").isInt()) return;
            Long at = sent.remove(n.get("id").asInt());
            if (at == null) return;
            long now = System.nanoTime();
            if (now < start || now > end) return;
            if (n.path("result").asBoolean(false)) {
                stats.accepted++;
                stats.latency.record(now - at);
            } else {
                JsonNode e = n.path("error");
                String code = e.isArray() && e.size() > 1 ? e.get(0).asInt() + " " + e.get(1).asText() : "no result";
                stats.errors.merge(code, 1L, Long::sum);
            }
        }

        /** Keeps {@code window} submits outstanding until {@code end}, then waits for the rest until {@code drainEnd}. */
        Stats closedLoop(long t0, long start, long end, long drainEnd, int window) {
            Stats stats = new Stats();
            Map<Integer, Long> sent = new HashMap<>();
            try {
                LoadRunner.sleepUntil(t0);
                for (int i = 0; i < window; i++) submit(sent);
                out.flush();
                while (!sent.isEmpty() && System.nanoTime() < drainEnd) {
                    handle(JSON.readTree(readLine()), sent, stats, start, end);
                    if (System.nanoTime() < end) {
                        while (sent.size() < window) submit(sent);
                        out.flush();
                    }
                }
            } catch (IOException | RuntimeException e) {
                stats.failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stats.unanswered = sent.size();
            return stats;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                Logger.debug("close: {}", e.getMessage());
            }
        }
    }
}
