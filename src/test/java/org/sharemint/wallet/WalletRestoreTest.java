package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.QuoteResult;

/**
 * The crash windows NUT-09 closes: the mint signed, the wallet stopped before it stored the
 * proofs; a new wallet on the same directory gets the signatures back with POST /v1/restore.
 * Real embedded mint over loopback HTTP, real SQLite stores in a temp dir.
 */
class WalletRestoreTest {
    @TempDir
    Path tmp;
    TestMint mint;
    final SecureRandom random = new SecureRandom();
    final Clock clock = Clock.systemUTC();

    /** What a crash at a checkpoint looks like to the caller. */
    static final class Crash extends RuntimeException {
        Crash(String point) {
            super("simulated crash at " + point, null, false, false);
        }
    }

    @BeforeEach
    void start() throws Exception {
        mint = new TestMint(tmp.resolve("mint"));
    }

    @AfterEach
    void stop() {
        mint.close();
    }

    Wallet open(String name) throws IOException {
        return Wallet.open(tmp.resolve(name), mint.url(), random, clock);
    }

    static Wallet.Checkpoint crashAt(String wanted) {
        return (point, id) -> {
            if (point.equals(wanted)) throw new Crash(point);
        };
    }

    @Test
    void aCrashAfterTheMintSignedIsRecoveredOnRestart() throws Exception {
        String quoteId;
        Set<String> storedB;
        try (Wallet w = open("a")) {
            List<QuoteResult.Quote> quotes = mint.quotes(w.lockingPubkeyHex(), 64, 2);
            TestMint.record(w, quotes);
            quoteId = quotes.get(0).quoteId();
            assertEquals(Wallet.Outcome.ISSUED, w.redeem(quotes.get(1).quoteId()));
            w.checkpoint(crashAt("mint-answered"));
            assertThrows(Crash.class, () -> w.redeem(quoteId));
            assertEquals("MINTING", w.store().quote(quoteId).state(), "the proofs were never stored");
            assertEquals(2, w.balance());
            storedB = w.store().pendingMint(quoteId).outputs().stream().map(o -> o.output().blindedHex()).collect(Collectors.toSet());
        }
        try (Wallet w = open("a")) {
            assertEquals(1, new Redeemer(w, clock).redeemDue(), "the restarted wallet settles the quote");
            WalletStore.Quote q = w.store().quote(quoteId);
            assertEquals("ISSUED", q.state(), String.valueOf(q.detail()));
            assertEquals(64 + 2, w.balance());
            assertNull(w.store().pendingMint(quoteId));
            assertTrue(w.store().pendingOperations().isEmpty());
            assertEquals(1, storedB.size());
            // the restored proofs are money: another wallet receives them through a swap
            try (Wallet b = open("b")) {
                assertEquals(64, b.receive(w.send(64)));
            }
        }
    }

    @Test
    void a20002ForStoredOutputsIsRecoveredWithRestore() throws Exception {
        try (Wallet w = open("a")) {
            List<QuoteResult.Quote> quotes = mint.quotes(w.lockingPubkeyHex(), 32);
            TestMint.record(w, quotes);
            String quoteId = quotes.get(0).quoteId();
            // between the wallet's GET (PAID) and its POST, an earlier POST of the same stored outputs
            // (whose answer was lost) lands at the mint: the wallet's own POST then gets 20002
            w.checkpoint((point, id) -> {
                if (!point.equals("mint-posting")) return;
                List<BlindedOutput> outs = w.store().pendingMint(id).outputs().stream().map(WalletStore.StoredOutput::output).toList();
                BigInteger key;
                try {
                    key = Secp256k1.scalar(HexFormat.of().parseHex(w.store().meta("locking_secret")));
                } catch (CryptoException e) {
                    throw new AssertionError(e);
                }
                byte[] aux = new byte[32];
                random.nextBytes(aux);
                String sig = HexFormat.of().formatHex(CashuCrypto.signMintQuote(key,
                        CashuCrypto.mintQuoteDigestLegacy(id, outs.stream().map(BlindedOutput::blinded).toList()), aux));
                MintClient other = new MintClient(mint.url(), HttpClient.newHttpClient(), Duration.ofSeconds(10));
                assertEquals(outs.size(), other.mint(id, outs, sig).size());
            });
            assertEquals(Wallet.Outcome.ISSUED, w.redeem(quoteId));
            assertEquals("ISSUED", w.store().quote(quoteId).state());
            assertEquals(32, w.balance());
        }
    }

    @Test
    void aLostAnswerIsRecoveredByTheSameWalletOnRetry() throws Exception {
        try (Wallet w = open("a")) {
            List<QuoteResult.Quote> quotes = mint.quotes(w.lockingPubkeyHex(), 8);
            TestMint.record(w, quotes);
            w.checkpoint(crashAt("mint-answered"));
            assertThrows(Crash.class, () -> w.redeem(quotes.get(0).quoteId()));
            w.checkpoint((point, id) -> { });
            assertEquals(Wallet.Outcome.ISSUED, w.redeem(quotes.get(0).quoteId()));
            assertEquals(8, w.balance());
        }
    }

    @Test
    void interruptedSwapsAreRecoveredOnRestart() throws Exception {
        String sendOp;
        try (Wallet a = open("a"); Wallet b = open("b")) {
            TestMint.record(a, mint.quotes(a.lockingPubkeyHex(), 8, 4));
            assertEquals(2, new Redeemer(a, clock).redeemDue());
            String token = a.send(4); // exact: no swap
            b.checkpoint(crashAt("swap-answered"));
            assertThrows(Crash.class, () -> b.receive(token));
            assertEquals(0, b.balance());
            a.checkpoint(crashAt("swap-answered"));
            assertThrows(Crash.class, () -> a.send(3)); // 8 -> 3 sent + 1 + 4 kept
            assertEquals(0, a.balance(), "the swap's input is pending");
            sendOp = a.store().pendingOperations().get(0).opId();
        }
        try (Wallet a = open("a"); Wallet b = open("b")) {
            assertEquals(1, b.recover());
            assertEquals(4, b.balance(), "the received token's value, restored");
            assertEquals(1, a.recover());
            assertEquals(5, a.balance(), "the change of the send, restored");
            assertTrue(a.store().pendingOperations().isEmpty());
            long sent = a.store().allProofs().stream().filter(r -> r.state().equals("SENT")).mapToLong(r -> r.proof().amount()).sum();
            assertEquals(4 + 3, sent, "the exact send and the restored payment");
            assertTrue(sendOp.length() > 0);
        }
    }
}
