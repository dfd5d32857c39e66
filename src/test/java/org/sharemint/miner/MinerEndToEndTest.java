package org.sharemint.miner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.wallet.MintException;
import org.sharemint.wallet.Redeemer;
import org.sharemint.wallet.Token;
import org.sharemint.wallet.Wallet;
import org.sharemint.wallet.WalletStore;

/** Pool, embedded mint and miners on loopback over Noise: shares -> ShareQuotes -> redeemed ecash. */
class MinerEndToEndTest {
    @TempDir
    Path tmp;
    TestPool pool;
    final Clock clock = Clock.systemUTC();

    @BeforeEach
    void start() throws Exception {
        pool = new TestPool(tmp.resolve("pool"), Map.of());
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    Miner startMiner(Map<String, String> options) throws Exception {
        Miner m = new Miner(MinerOptions.parse(options), clock, new SecureRandom());
        Thread.ofVirtual().name("miner-run").start(m::run);
        return m;
    }

    static long sumOfQuotes(WalletStore store) throws IOException {
        return store.allQuotes().stream().mapToLong(WalletStore.Quote::amount).sum();
    }

    @Test
    void everyShareQuoteIsRedeemedAndTheBalanceIsTheirSum() throws Exception {
        Path walletDir = tmp.resolve("wallet-a");
        Miner miner = startMiner(pool.minerOptions(walletDir, "alice"));
        await().atMost(Duration.ofSeconds(60)).until(() -> miner.stats().quotesReceived() >= 20);
        miner.close(); // stops mining, then redeems what was received
        MinerStats s = miner.stats();
        assertTrue(s.accepted() >= 20, "accepted " + s.accepted());
        try (Wallet w = Wallet.open(walletDir, null, new SecureRandom(), clock)) {
            List<WalletStore.Quote> quotes = w.store().allQuotes();
            assertEquals(s.quotesReceived(), quotes.size(), "every ShareQuote was recorded");
            assertTrue(quotes.stream().allMatch(q -> q.state().equals("ISSUED")), w.store().quoteCounts().toString());
            assertEquals(s.quoteAmount(), w.balance(), "balance == sum of the ShareQuote amounts");
            assertEquals(sumOfQuotes(w.store()), w.balance());

            // the ecash is money: a token from this wallet is taken by a second one
            long half = w.balance() / 2;
            String token = w.send(half);
            try (Wallet bob = Wallet.open(tmp.resolve("wallet-b"), pool.mintUrl(), new SecureRandom(), clock)) {
                assertEquals(half, bob.receive(token));
                assertEquals(half, bob.balance());
            }
            assertEquals(s.quoteAmount() - half, w.balance());
            assertEquals(half, Token.decode(token).amount());
        }
    }

    @Test
    void twoMinersEachRedeemOnlyTheirOwnQuotes() throws Exception {
        Path aDir = tmp.resolve("wallet-a"), bDir = tmp.resolve("wallet-b");
        Map<String, String> aOptions = new HashMap<>(pool.minerOptions(aDir, "alice"));
        aOptions.put("no-redeem", "true"); // alice keeps her quotes unredeemed, so bob can try one
        Miner a = startMiner(aOptions);
        Miner b = startMiner(pool.minerOptions(bDir, "bob"));
        await().atMost(Duration.ofSeconds(60)).until(() -> a.stats().quotesReceived() >= 5 && b.stats().quotesReceived() >= 5);
        a.close();
        b.close();
        try (Wallet alice = Wallet.open(aDir, null, new SecureRandom(), clock); Wallet bob = Wallet.open(bDir, null, new SecureRandom(), clock)) {
            assertTrue(bob.store().allQuotes().stream().allMatch(q -> q.state().equals("ISSUED")));
            assertEquals(sumOfQuotes(bob.store()), bob.balance());
            long bobBefore = bob.balance();

            WalletStore.Quote stolen = alice.store().allQuotes().get(0);
            assertEquals("PAID", stolen.state());
            bob.recordQuote(stolen.quoteId(), stolen.amount(), java.util.HexFormat.of().parseHex(stolen.keysetId()), new byte[32]);
            assertEquals(Wallet.Outcome.REJECTED, bob.redeem(stolen.quoteId()));
            String detail = bob.store().quote(stolen.quoteId()).detail();
            assertTrue(detail.contains("mint error " + MintException.SIGNATURE_INVALID), detail);
            assertEquals(bobBefore, bob.balance());

            int issued = new Redeemer(alice, clock).redeemDue();
            assertEquals(alice.store().allQuotes().size(), issued, "alice redeems all of hers, the one bob tried included");
            assertEquals(sumOfQuotes(alice.store()), alice.balance());
        }
    }

    @Test
    void anExtendedChannelRollsItsExtranonceAndIsPaidToo() throws Exception {
        pool.close();
        pool = new TestPool(tmp.resolve("plain-pool"), Map.of("pool.noise", "false")); // and --plaintext works
        Path walletDir = tmp.resolve("wallet-x");
        Map<String, String> o = new HashMap<>(pool.minerOptions(walletDir, "xavier"));
        assertEquals("true", o.get("plaintext"));
        o.put("extended", "true");
        Miner miner = startMiner(o);
        await().atMost(Duration.ofSeconds(60)).until(() -> miner.stats().quotesReceived() >= 5);
        miner.close();
        assertEquals(Map.of(), miner.stats().rejectedByCode());
        try (Wallet w = Wallet.open(walletDir, null, new SecureRandom(), clock)) {
            assertEquals(miner.stats().quoteAmount(), w.balance());
        }
    }
}
