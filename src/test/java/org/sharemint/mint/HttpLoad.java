package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.sharemint.config.Config;
import org.sharemint.crypto.Secp256k1;

/**
 * A load tool for the mint's HTTP API, not a test: an embedded mint in this JVM (whichever
 * sharemint is on the class path, so the same tool measures two builds), quotes created directly,
 * then N virtual-thread clients GET /v1/info (the HTTP layer alone, after as long a warm-up) for
 * the given seconds, then POST /v1/mint/ehash, then POST /v1/swap with the proofs they got.
 * Request bodies are built (blinded, signed) before each timed phase, so the phases time the server, not the client's crypto. Prints one line per phase, with the process's
 * CPU time per request (server and client: the client's share is the same for both builds).
 *
 * <pre>java -cp target/sharemint.jar:target/test-classes org.sharemint.mint.HttpLoad [seconds] [clients] [quotes]</pre>
 */
public final class HttpLoad {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** CPU time of this whole process (server and clients): less moved by a busy host than rates are. */
    private static final com.sun.management.OperatingSystemMXBean CPU =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    record Result(int ok, int failed, double seconds, long[] latenciesNanos, long cpuNanos) {
        String line(String name) {
            long[] l = latenciesNanos;
            Arrays.sort(l);
            return String.format(Locale.ROOT, "%-5s %6d ok %4d failed in %5.2f s: %7.0f req/s, p50 %6.2f ms, p99 %6.2f ms, CPU %5.2f ms/req",
                name, ok, failed, seconds, ok / seconds, pct(l, 0.50), pct(l, 0.99), ok == 0 ? 0 : cpuNanos / 1e6 / ok);
        }

        static double pct(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int quotes = args.length > 2 ? Integer.parseInt(args[2]) : 8000;
        Path dir = Files.createTempDirectory("httpload");
        SecureRandom random = new SecureRandom();
        BigInteger key = Secp256k1.randomScalar(random);
        byte[] lock = Secp256k1.compressed(Secp256k1.mulG(key));
        try (EmbeddedMint mint = EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0")))) {
            TestWallet wallet = new TestWallet(mint.httpAddress());
            JsonNode keyset = wallet.activeKeyset();
            String keysetId = keyset.get("id").asText();
            String base = "http://127.0.0.1:" + mint.httpAddress().getPort();

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < quotes; i += 500) {
                List<QuoteRequest> batch = new ArrayList<>();
                for (int j = i; j < Math.min(quotes, i + 500); j++) {
                    byte[] share = new byte[32];
                    random.nextBytes(share);
                    batch.add(new QuoteRequest(share, 1, "hash", lock, System.currentTimeMillis() + 3_600_000));
                }
                for (QuoteResult r : mint.createQuotes(batch)) ids.add(((QuoteResult.Quote) r).quoteId());
            }
            List<TestWallet.Outputs> mintOutputs = new ArrayList<>();
            List<byte[]> mintBodies = new ArrayList<>();
            for (String id : ids) {
                TestWallet.Outputs o = wallet.outputs(keysetId, 1);
                mintOutputs.add(o);
                mintBodies.add(JSON.writeValueAsBytes(wallet.mintRequest(id, o, wallet.signAmended(key, id, o))));
            }
            // first the HTTP layer alone, after a warm-up of the same length
            List<byte[]> none = java.util.Collections.nCopies(1_000_000, null);
            run(base + "/v1/info", none, new JsonNode[none.size()], seconds, clients);
            Result infos = run(base + "/v1/info", none, new JsonNode[none.size()], seconds, clients);
            JsonNode[] minted = new JsonNode[ids.size()];
            Result mints = run(base + "/v1/mint/ehash", mintBodies, minted, seconds, clients);

            List<byte[]> swapBodies = new ArrayList<>();
            for (int i = 0; i < minted.length; i++) {
                if (minted[i] == null) continue;
                List<TestWallet.Proof> proofs = wallet.unblind(new TestWallet.Response(200, minted[i]), mintOutputs.get(i), keyset);
                swapBodies.add(JSON.writeValueAsBytes(wallet.swapRequest(proofs, wallet.outputs(keysetId, 1))));
            }
            Result swaps = run(base + "/v1/swap", swapBodies, new JsonNode[swapBodies.size()], seconds, clients);
            System.out.println(infos.line("info"));
            System.out.println(mints.line("mint"));
            System.out.println(swaps.line("swap"));
        }
    }

    /** POSTs the bodies in order from {@code clients} virtual threads until they run out or {@code seconds} pass; 200 answers land in {@code answers}. */
    static Result run(String url, List<byte[]> bodies, JsonNode[] answers, int seconds, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long cpu = CPU.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    for (int i; System.nanoTime() < end && (i = next.getAndIncrement()) < bodies.size(); ) {
                        byte[] body = bodies.get(i);
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
                        HttpRequest req = body == null ? b.GET().build()
                            : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        long t = System.nanoTime();
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        latencies.add(System.nanoTime() - t);
                        if (r.statusCode() == 200) {
                            if (body != null) answers[i] = JSON.readTree(r.body());
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double took = (System.nanoTime() - start) / 1e9;
        return new Result(ok.get(), failed.get(), took, latencies.stream().mapToLong(Long::longValue).toArray(), CPU.getProcessCpuTime() - cpu);
    }
}
