package org.sharemint.miner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wallet.Wallet;

/**
 * /metrics of a running pool with its embedded mint, scraped over HTTP after real traffic: a
 * miner's shares become quotes, its wallet mints them into ecash, then sends some of it to a
 * second wallet, which swaps it. The scrape holds the mint's series, the process and JVM series and the build
 * info, and passes {@code promtool check metrics}.
 */
class MetricsScrapeTest {
    private static final Pattern LE = Pattern.compile("le=\"([^\"]*)\"");

    @TempDir
    Path tmp;

    /** A pool; mining until a few quotes, minting them, sending half to a second wallet; then the scrape. */
    String trafficThenScrape() throws Exception {
        try (TestPool pool = new TestPool(tmp.resolve("pool"), Map.of())) {
            return trafficThenScrape(pool, Clock.systemUTC());
        }
    }

    private String trafficThenScrape(TestPool pool, Clock clock) throws Exception {
        Path walletDir = tmp.resolve("wallet-a");
        Miner miner = new Miner(MinerOptions.parse(pool.minerOptions(walletDir, "alice")), clock, new SecureRandom());
        Thread.ofVirtual().name("miner-run").start(miner::run);
        await().atMost(Duration.ofSeconds(60)).until(() -> miner.stats().quotesReceived() >= 3);
        miner.close(); // stops mining, then mints what it received
        try (Wallet w = Wallet.open(walletDir, null, new SecureRandom(), clock);
             Wallet bob = Wallet.open(tmp.resolve("wallet-b"), pool.mintUrl(), new SecureRandom(), clock)) {
            assertTrue(w.balance() > 0);
            bob.receive(w.send(w.balance() / 2)); // bob's wallet swaps what it receives (alice's only when she needs change)
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            URI uri = URI.create("http://127.0.0.1:" + pool.pool.monitorAddress().getPort() + "/metrics");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            return r.body();
        }
    }

    @Test
    void theMintProcessAndJvmSeriesFollowRealTraffic() throws Exception {
        String m = trafficThenScrape();
        long minted = value(m, "sharemint_mint_quotes_issued_total");
        assertTrue(minted >= 3, "quotes minted: " + minted);
        assertEquals(value(m, "sharemint_quotes_created_total"), value(m, "sharemint_mint_quotes_created_total"),
            "the pool's count of quotes and the mint's agree");
        assertTrue(value(m, "sharemint_mint_mints_total") >= 1, m);
        assertTrue(value(m, "sharemint_mint_swaps_total") >= 1, m);
        assertTrue(value(m, "sharemint_mint_proofs_spent_total") >= 1, m);
        assertTrue(value(m, "sharemint_mint_signatures_issued_total") > value(m, "sharemint_mint_mints_total"), m);
        assertTrue(value(m, "sharemint_mint_http_requests_total{endpoint=\"POST /v1/swap\",status=\"200\"}") >= 1, m);
        assertTrue(value(m, "sharemint_mint_http_requests_total{endpoint=\"GET /v1/keys\",status=\"200\"}") >= 1, m);
        // every durable write is a commit: the quotes (at least one batch), each mint, each swap
        long commits = value(m, "sharemint_mint_ledger_commit_seconds_count");
        assertTrue(commits >= 1 + value(m, "sharemint_mint_mints_total") + value(m, "sharemint_mint_swaps_total"), m);
        assertEquals(commits, value(m, "sharemint_mint_ledger_commit_seconds_bucket{le=\"+Inf\"}"));

        assertTrue(Pattern.compile("(?m)^sharemint_build_info\\{java=\"" + Pattern.quote(Runtime.version().toString())
            + "\",version=\"[^\"]+\"} 1$").matcher(m).find(), m);
        for (String series : List.of("process_cpu_seconds_total", "process_resident_memory_bytes", "process_virtual_memory_bytes",
                "process_open_fds", "process_max_fds", "process_start_time_seconds", "jvm_threads_current", "jvm_threads_daemon",
                "jvm_threads_peak", "jvm_threads_started_total", "jvm_threads_deadlocked")) {
            assertTrue(Double.parseDouble(sample(m, series)) >= 0, series);
        }
        assertTrue(Double.parseDouble(sample(m, "process_resident_memory_bytes")) > 1 << 20, "resident memory in bytes, not kB");
        assertTrue(Double.parseDouble(sample(m, "process_open_fds")) > 3);
        long startMs = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        assertEquals(startMs / 1000.0, Double.parseDouble(sample(m, "process_start_time_seconds")), 5.0);
        assertTrue(Double.parseDouble(sample(m, "jvm_memory_used_bytes{area=\"heap\"}")) > 0, m);
        assertTrue(Double.parseDouble(sample(m, "jvm_memory_used_bytes{area=\"nonheap\"}")) > 0, m);
        assertTrue(m.contains("# TYPE jvm_gc_collection_seconds summary\n"), m);
        assertTrue(Pattern.compile("(?m)^jvm_gc_collection_seconds_count\\{gc=\"[^\"]+\"} \\d+$").matcher(m).find(), m);
        assertTrue(Pattern.compile("(?m)^jvm_info\\{runtime=\"[^\"]+\",vendor=\"[^\"]+\",version=\"" + Pattern.quote(
            System.getProperty("java.runtime.version")) + "\"} 1$").matcher(m).find(), m);

        // bucket bounds are plain decimals: le="30", never le="30.000000000000004"
        assertTrue(m.contains("sharemint_reply_latency_seconds_bucket{le=\"30\"} "), m);
        assertTrue(m.contains("sharemint_reply_latency_seconds_bucket{le=\"0.0001\"} "), m);
        Matcher le = LE.matcher(m);
        while (le.find()) {
            String bound = le.group(1);
            assertTrue(bound.equals("+Inf") || bound.matches("\\d+(\\.\\d{1,6})?"), "le=\"" + bound + "\"");
        }
    }

    /**
     * promtool (Debian's prometheus package; .ci/run installs it) lints a real scrape: any problem
     * it reports fails the test. Without promtool the test fails under CI=true and is skipped
     * (an assumption) elsewhere, so a developer without it can still run the suite.
     */
    @Test
    void theScrapePassesPromtool() throws Exception {
        Path promtool = onPath("promtool");
        if (promtool == null) {
            if ("true".equals(System.getenv("CI"))) fail("promtool is not on PATH (CI=true): .ci/run installs Debian's prometheus package");
            Assumptions.abort("promtool is not on PATH (apt-get install prometheus); skipped outside CI");
        }
        String scrape = trafficThenScrape();
        Path out = tmp.resolve("promtool.out");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "promtool finished");
        String report = Files.readString(out);
        assertEquals(0, p.exitValue(), "promtool check metrics:\n" + report + "\n--- the scrape:\n" + scrape);
        assertEquals("", report.strip(), "promtool reports nothing on a clean scrape");
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    private static long value(String exposition, String series) {
        return Long.parseLong(sample(exposition, series));
    }

    /** The value of one sample line ("name{labels} value"). */
    private static String sample(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) return line.substring(series.length() + 1).trim();
        }
        throw new AssertionError("no sample " + series + " in\n" + exposition);
    }
}
