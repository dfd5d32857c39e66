package org.sharemint.miner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wallet.Wallet;

/** The pool goes away and comes back on the same address: the miner reconnects by itself and is paid again. */
class ReconnectTest {
    @TempDir
    Path tmp;

    @Test
    void theMinerReconnectsWhenThePoolComesBack() throws Exception {
        Path poolDir = tmp.resolve("pool"), walletDir = tmp.resolve("wallet");
        TestPool first = new TestPool(poolDir, Map.of());
        String poolPort = Integer.toString(first.pool.minerAddress().getPort());
        String mintPort = Integer.toString(first.pool.mintHttpAddress().getPort());
        Map<String, String> options = first.minerOptions(walletDir, "carol");
        Miner miner = new Miner(MinerOptions.parse(options), Clock.systemUTC(), new SecureRandom());
        Thread.ofVirtual().start(miner::run);
        TestPool second = null;
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> miner.stats().quotesReceived() >= 3);
            first.close();
            long before = miner.stats().quotesReceived();
            // same ports and data (so the same authority key): the miner's --pool, --authority-key and --mint-url stay right
            second = new TestPool(poolDir, Map.of("pool.listen", "127.0.0.1:" + poolPort, "mint.http.listen", "127.0.0.1:" + mintPort));
            await().atMost(Duration.ofSeconds(60)).until(() -> miner.stats().connects() >= 2 && miner.stats().quotesReceived() >= before + 3);
        } finally {
            miner.close();
            if (second != null) second.close();
        }
        assertEquals(2, miner.stats().connects(), "one reconnect, once the pool was back");
        try (Wallet w = Wallet.open(walletDir, null, new SecureRandom(), Clock.systemUTC())) {
            assertTrue(w.store().allQuotes().stream().allMatch(q -> q.state().equals("ISSUED")), w.store().quoteCounts().toString());
            assertEquals(miner.stats().quoteAmount(), w.balance());
        }
    }
}
