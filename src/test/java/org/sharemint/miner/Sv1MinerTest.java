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

/** The reference miner with --sv1 on the pool's Stratum V1 port; its owner collects with wallet claim. */
class Sv1MinerTest {
    @TempDir
    Path dir;

    @Test
    void sv1MinerMinesAndItsOwnerClaimsByKey() throws Exception {
        try (TestPool pool = new TestPool(dir.resolve("pool"), Map.of("pool.sv1.listen", "127.0.0.1:0"))) {
            Map<String, String> o = pool.minerOptions(dir.resolve("wallet"), "bitaxe");
            o.remove("authority-key");
            o.put("pool", "127.0.0.1:" + pool.pool.sv1Address().getPort());
            o.put("sv1", "true");
            Miner miner = new Miner(MinerOptions.parse(o), Clock.systemUTC(), new SecureRandom());
            Thread t = Thread.ofVirtual().start(miner::run);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> miner.stats().accepted() >= 5);
            } finally {
                miner.close();
                t.join(Duration.ofSeconds(30));
            }
            assertEquals(0, miner.stats().quotesReceived(), "SV1 carries no ShareQuote");
            try (Wallet w = Wallet.open(dir.resolve("wallet"), null, new SecureRandom(), Clock.systemUTC())) {
                Wallet.Claim c = w.claim();
                assertTrue(c.claimed() >= 5, c.toString());
                assertEquals(c.amount(), w.balance());
                assertEquals(0, w.claim().claimed(), "nothing twice");
            }
        }
    }
}
