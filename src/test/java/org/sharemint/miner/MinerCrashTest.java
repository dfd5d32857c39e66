package org.sharemint.miner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wallet.MintClient;
import org.sharemint.wallet.WalletStore;

/**
 * The miner in its own JVM is killed (SIGKILL) after it recorded quotes and before it redeemed
 * them; a restarted miner redeems every one of them before it mines.
 */
class MinerCrashTest {
    @TempDir
    Path tmp;
    TestPool pool;
    Process child;

    @BeforeEach
    void start() throws Exception {
        pool = new TestPool(tmp.resolve("pool"), Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null && child.isAlive()) child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        pool.close();
    }

    static long quoteCount(Path walletDir) {
        if (!Files.exists(walletDir.resolve(WalletStore.FILE_NAME))) return 0;
        try (WalletStore s = WalletStore.open(walletDir)) {
            return s.allQuotes().size();
        } catch (Exception e) {
            return 0; // the child is creating it right now
        }
    }

    @Test
    void killedBetweenShareQuoteAndRedemptionLosesNothing() throws Exception {
        Path walletDir = tmp.resolve("wallet");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "org.sharemint.Main", "miner"));
        for (var e : pool.minerOptions(walletDir, "crash").entrySet()) cmd.add("--" + e.getKey() + "=" + e.getValue());
        cmd.add("--nominal-hashrate=100000"); // below its real rate: shares come fast
        cmd.add("--no-redeem"); // holds the quotes unredeemed, so the kill surely falls between ShareQuote and redemption
        Path log = tmp.resolve("child.log");
        child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !child.isAlive() || quoteCount(walletDir) >= 5);
        assertTrue(child.isAlive(), () -> "the child miner died: " + readQuietly(log));
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        List<WalletStore.Quote> recorded;
        try (WalletStore s = WalletStore.open(walletDir)) {
            recorded = s.allQuotes();
        }
        assertTrue(recorded.size() >= 5);
        assertTrue(recorded.stream().allMatch(q -> q.state().equals("PAID")), "none redeemed before the kill");
        long owed = recorded.stream().mapToLong(WalletStore.Quote::amount).sum();

        // the restarted miner redeems what is left before it mines (it is never started here)
        try (Miner restarted = new Miner(MinerOptions.parse(pool.minerOptions(walletDir, "crash")), Clock.systemUTC(), new SecureRandom())) {
            WalletStore s = restarted.wallet().store();
            for (WalletStore.Quote q : recorded) assertEquals("ISSUED", s.quote(q.quoteId()).state(), q.quoteId());
            assertEquals(owed, restarted.wallet().balance());
            assertFalse(s.allQuotes().stream().anyMatch(q -> !q.state().equals("ISSUED")));
        }
        MintClient mint = new MintClient(pool.mintUrl(), HttpClient.newHttpClient(), Duration.ofSeconds(10));
        for (WalletStore.Quote q : recorded) assertEquals("ISSUED", mint.quote(q.quoteId()).state(), "the mint agrees");
    }

    static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
