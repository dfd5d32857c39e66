package org.sharemint.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.link.LinkQuotes;
import org.sharemint.link.RemoteMint;
import org.sharemint.wallet.BlindSignature;
import org.sharemint.wallet.BlindedOutput;
import org.sharemint.wallet.MintClient;
import org.tinylog.Logger;

/**
 * The mint's swap endpoint under load (issue 18): a {@code sharemint mint} process with its real
 * ledger, and wallet-side clients that POST /v1/swap over loopback HTTP (HttpURLConnection, so any
 * server the mint runs will do) from virtual threads, each request {@value #INPUTS} proofs in and
 * a number of blinded messages out ({@value #OUTPUTS} unless asked otherwise). Everything a wallet would compute is made before the
 * timed part: the input proofs are minted first (quotes over the mint link, then POST
 * /v1/mint/ehash), and each request's body is written out in advance, so the clients do little
 * but send and read. Outputs/s counts signatures received within the measured interval; the mint
 * process's CPU per output is its CPU time over that interval divided by them.
 */
final class SwapLoad {
    static final int INPUTS = 2;
    /** Outputs per request by default: a small wallet swap, as the figures since issue 18 were taken. */
    static final int OUTPUTS = 8;
    private static final long INPUT_AMOUNT = 32;
    /** Proofs per quote: a quote's amount is a power of two (QuoteService), so is this. */
    private static final int MINT_BATCH = 512;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A mint request of MINT_BATCH outputs on a busy machine: generous. */
    private static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(180);
    /** Mint requests in flight while the inputs are made: enough for both cores, few enough that none waits out its timeout. */
    private static final int PREPARE_CONCURRENCY = 4;
    private static final HexFormat HEX = HexFormat.of();

    /**
     * One swap phase.
     *
     * @param clients virtual threads sending, each one request at a time
     * @param outputsPerSwap blinded messages per request ({@value #INPUTS} proofs in)
     * @param swaps swap requests answered in the measured interval
     * @param outputsPerSecond signatures received per second in it
     * @param latency request to answer, per swap in the measured interval
     * @param mintCpuMicrosPerOutput the mint process's CPU time per output in it
     * @param generatorCpuMicrosPerOutput this process's (the clients') CPU time per output in it: on the same cores, it is CPU the mint does not get
     * @param errors requests that failed (an HTTP status other than 200, a timeout, a short answer)
     * @param ranOut true when the pre-made requests ran out before the interval's end (the interval was cut short)
     */
    record Result(int clients, int outputsPerSwap, double seconds, long swaps, double outputsPerSecond, LatencyHistogram latency, double mintCpuMicrosPerOutput,
            double generatorCpuMicrosPerOutput, long errors, String firstError, boolean ranOut) {}

    private SwapLoad() {}

    /**
     * Starts a mint process in {@code dir}, mints the input proofs, runs {@code warmup} then
     * {@code duration} of swaps, and stops the mint.
     *
     * @param expectedOutputsPerSecond how many requests to make in advance: enough for this rate over warm-up and interval, times 1.5
     */
    static Result run(List<String> launcher, List<String> jvmOptions, Path dir, int clients, int outputsPerSwap, Duration warmup, Duration duration,
            double expectedOutputsPerSecond) throws IOException, InterruptedException {
        int httpPort = freePort();
        Map<String, String> settings = Map.of("mint.link.noise", "false", "mint.http.listen", "127.0.0.1:" + httpPort);
        try (PoolProcess mint = PoolProcess.startMint(launcher, jvmOptions, settings, dir, START_TIMEOUT)) {
            String url = "http://127.0.0.1:" + httpPort;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            int requests = (int) Math.ceil(1.5 * expectedOutputsPerSecond * (warmup.toMillis() + duration.toMillis()) / 1000.0 / outputsPerSwap);
            requests = (requests + MINT_BATCH - 1) / MINT_BATCH * MINT_BATCH; // whole quotes
            List<byte[]> bodies = prepare(mint.minerAddress(), new MintClient(url, http, PREPARE_TIMEOUT), requests, outputsPerSwap);
            return load(URI.create(url + "/v1/swap"), bodies, clients, outputsPerSwap, warmup, duration, mint);
        }
    }

    /** Mints {@code requests * INPUTS} proofs of INPUT_AMOUNT and writes one swap body per request. */
    private static List<byte[]> prepare(InetSocketAddress link, MintClient client, int requests, int outputsPerSwap)
            throws IOException, InterruptedException {
        long outputAmount = INPUT_AMOUNT * INPUTS / outputsPerSwap;
        SecureRandom random = new SecureRandom();
        String keysetId = client.activeKeysets().get(0).id();
        BigInteger lockingKey = Secp256k1.randomScalar(random);
        byte[] lockingPub = Secp256k1.compressed(Secp256k1.mulG(lockingKey));
        int proofs = requests * INPUTS;
        long started = System.nanoTime();
        List<String[]> inputs = new ArrayList<>(proofs); // secret, C hex
        RemoteMint linked;
        try {
            linked = RemoteMint.start(Config.of(Map.of("mint.link.address", "127.0.0.1:" + link.getPort(), "mint.link.noise", "false")));
        } catch (ConfigException e) {
            throw new IllegalStateException(e); // fixed settings
        }
        try (RemoteMint quotes = linked) {
            long end = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!quotes.reachable()) {
                if (System.nanoTime() > end) throw new IOException("the mint link did not come up");
                Thread.sleep(50);
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(PREPARE_CONCURRENCY, Thread.ofVirtual().factory())) {
                List<Future<List<String[]>>> parts = new ArrayList<>();
                for (int made = 0; made < proofs; made += MINT_BATCH) {
                    parts.add(pool.submit(() -> mintProofs(quotes, client, keysetId, lockingKey, lockingPub, MINT_BATCH)));
                }
                for (Future<List<String[]>> f : parts) inputs.addAll(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("minting the swap inputs failed: " + e.getCause(), e.getCause());
            }
        }
        // outputs the clients never unblind: any points will do, so consecutive multiples of a random point (one addition each)
        ECPoint next = Secp256k1.mulG(Secp256k1.randomScalar(random));
        List<byte[]> bodies = new ArrayList<>(requests);
        for (int r = 0; r < requests; r++) {
            StringBuilder b = new StringBuilder(2048).append("{\"inputs\":[");
            for (int i = 0; i < INPUTS; i++) {
                String[] p = inputs.get(r * INPUTS + i);
                if (i > 0) b.append(',');
                b.append("{\"amount\":").append(INPUT_AMOUNT).append(",\"id\":\"").append(keysetId).append("\",\"secret\":\"").append(p[0])
                        .append("\",\"C\":\"").append(p[1]).append("\"}");
            }
            b.append("],\"outputs\":[");
            ECPoint[] points = new ECPoint[outputsPerSwap];
            for (int o = 0; o < outputsPerSwap; o++) points[o] = next = next.add(Secp256k1.G);
            Secp256k1.CURVE.normalizeAll(points);
            for (int o = 0; o < outputsPerSwap; o++) {
                if (o > 0) b.append(',');
                b.append("{\"amount\":").append(outputAmount).append(",\"id\":\"").append(keysetId).append("\",\"B_\":\"")
                        .append(HEX.formatHex(points[o].getEncoded(true))).append("\"}");
            }
            bodies.add(b.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Logger.info("swap load: {} requests of {} inputs and {} outputs made in {} ms", requests, INPUTS, outputsPerSwap, (System.nanoTime() - started) / 1_000_000);
        return bodies;
    }

    /**
     * One quote for {@code n} proofs, minted with r = 0 (B_ = Y: the mint cannot tell, and C = C_
     * needs no unblinding), so the inputs cost the client one hash_to_curve each.
     */
    private static List<String[]> mintProofs(RemoteMint quotes, MintClient client, String keysetId, BigInteger lockingKey, byte[] lockingPub, int n)
            throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] share = new byte[32];
        random.nextBytes(share);
        String quoteId = LinkQuotes.quote(quotes, share, n * INPUT_AMOUNT, lockingPub, System.currentTimeMillis() + 60_000);
        List<BlindedOutput> outputs = new ArrayList<>(n);
        List<byte[]> blinded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] s = new byte[32];
            random.nextBytes(s);
            String secret = HEX.formatHex(s);
            byte[] y = Secp256k1.compressed(CashuCrypto.hashToCurve(secret));
            outputs.add(new BlindedOutput(INPUT_AMOUNT, keysetId, secret, BigInteger.ZERO, y));
            blinded.add(y);
        }
        byte[] aux = new byte[32];
        random.nextBytes(aux);
        String signature = HEX.formatHex(CashuCrypto.signMintQuote(lockingKey, CashuCrypto.mintQuoteDigestLegacy(quoteId, blinded), aux));
        List<BlindSignature> sigs = client.mint(quoteId, outputs, signature);
        List<String[]> proofs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) proofs.add(new String[] {outputs.get(i).secret(), HEX.formatHex(sigs.get(i).blindSignature())});
        return proofs;
    }

    private static Result load(URI swap, List<byte[]> bodies, int clients, int outputsPerSwap, Duration warmup, Duration duration, PoolProcess mint)
            throws IOException, InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong swaps = new AtomicLong(), outputs = new AtomicLong(), errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        LatencyHistogram[] latencies = new LatencyHistogram[clients];
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        AtomicLong lastAnswer = new AtomicLong(measureFrom);
        double[] cpuAtStart = new double[2];
        // one blocking HttpURLConnection exchange per request on the client's virtual thread, the
        // connection kept alive between them: no selector thread and no futures in between, so the
        // clients cost the shared cores less than java.net.http's asynchronous client did
        System.setProperty("http.maxConnections", Integer.toString(Math.max(5, clients))); // kept-alive connections per host
        java.net.URL url = swap.toURL();
        long self = ProcessHandle.current().pid();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                LatencyHistogram h = latencies[c] = new LatencyHistogram();
                pool.submit(() -> {
                    while (true) {
                        int i = next.getAndIncrement();
                        long sent = System.nanoTime();
                        if (i >= bodies.size() || sent >= measureTo) return null;
                        int signed = -1;
                        String failure = null;
                        try {
                            Answer a = post(url, bodies.get(i));
                            if (a.status() == 200) signed = count(a.body(), C_FIELD);
                            if (signed != outputsPerSwap) failure = "HTTP " + a.status() + ": " + new String(a.body(), 0, Math.min(200, a.body().length));
                        } catch (IOException e) {
                            failure = e.toString();
                        }
                        long answered = System.nanoTime();
                        if (failure != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, failure);
                        } else if (answered >= measureFrom && answered <= measureTo) { // answers within the interval, whenever sent
                            swaps.incrementAndGet();
                            outputs.addAndGet(signed);
                            h.record(answered - sent);
                            lastAnswer.accumulateAndGet(answered, Math::max);
                        }
                    }
                });
            }
            long now = System.nanoTime();
            if (measureFrom > now) TimeUnit.NANOSECONDS.sleep(measureFrom - now);
            cpuAtStart[0] = mint.cpuSeconds();
            cpuAtStart[1] = ProcFs.cpuSeconds(self);
        }
        double cpu = mint.cpuSeconds() - cpuAtStart[0];
        double generatorCpu = ProcFs.cpuSeconds(self) - cpuAtStart[1];
        boolean ranOut = next.get() >= bodies.size();
        long end = ranOut ? lastAnswer.get() : measureTo;
        double seconds = Math.max(1e-3, (end - measureFrom) / 1e9);
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : latencies) all.add(h);
        long out = outputs.get();
        return new Result(clients, outputsPerSwap, seconds, swaps.get(), out / seconds, all, out == 0 ? 0 : cpu * 1e6 / out,
                out == 0 ? 0 : generatorCpu * 1e6 / out, errors.get(), firstError.get(), ranOut);
    }

    private record Answer(int status, byte[] body) {}

    /** One POST of a JSON body; the answer read whole, so the connection goes back to the keep-alive cache. */
    private static Answer post(java.net.URL url, byte[] body) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) url.openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        c.setConnectTimeout(5_000);
        c.setReadTimeout((int) REQUEST_TIMEOUT.toMillis());
        c.setRequestProperty("Content-Type", "application/json");
        try (java.io.OutputStream out = c.getOutputStream()) {
            out.write(body);
        }
        int status = c.getResponseCode();
        try (java.io.InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
            return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
        }
    }

    private static final byte[] C_FIELD = "\"C_\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * How often {@code field} occurs in {@code body}: the signatures in a swap's answer, counted
     * without parsing it (the clients must stay cheap; the answers themselves are checked in MintHttpTest).
     */
    static int count(byte[] body, byte[] field) {
        int n = 0;
        outer:
        for (int i = 0; i + field.length <= body.length; i++) {
            for (int j = 0; j < field.length; j++) if (body[i + j] != field[j]) continue outer;
            n++;
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
