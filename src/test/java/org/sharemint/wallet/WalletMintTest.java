package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.mint.QuoteResult;

/** The wallet against a real embedded mint over loopback HTTP, with its store in a temp dir. */
class WalletMintTest {
    @TempDir
    Path tmp;
    TestMint mint;
    final SecureRandom random = new SecureRandom();
    final Clock clock = Clock.systemUTC();

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

    @Test
    void redeemsItsQuotesAndTheBalanceIsTheirSum() throws Exception {
        try (Wallet w = open("a")) {
            List<QuoteResult.Quote> quotes = mint.quotes(w.lockingPubkeyHex(), 1, 4, 1024, 1L << 40);
            TestMint.record(w, quotes);
            assertEquals(4, new Redeemer(w, clock).redeemDue());
            assertEquals(1 + 4 + 1024 + (1L << 40), w.balance());
            for (QuoteResult.Quote q : quotes) {
                assertEquals("ISSUED", w.store().quote(q.quoteId()).state());
                assertEquals(Wallet.Outcome.ISSUED, w.redeem(q.quoteId()), "a redeemed quote is not minted twice");
            }
            assertEquals(4, w.store().allProofs().size(), "one proof per power of two");
        }
        try (Wallet again = open("a")) {
            assertEquals(1 + 4 + 1024 + (1L << 40), again.balance(), "the proofs are on disk");
        }
    }

    @Test
    void aQuoteLockedToAnotherKeyIsRefusedWith20008() throws Exception {
        try (Wallet a = open("a"); Wallet b = open("b")) {
            assertNotEquals(a.lockingPubkeyHex(), b.lockingPubkeyHex());
            List<QuoteResult.Quote> quotes = mint.quotes(a.lockingPubkeyHex(), 8);
            TestMint.record(b, quotes);
            assertEquals(Wallet.Outcome.REJECTED, b.redeem(quotes.get(0).quoteId()));
            WalletStore.Quote seen = b.store().quote(quotes.get(0).quoteId());
            assertEquals("REJECTED", seen.state());
            assertTrue(seen.detail().contains("mint error " + MintException.SIGNATURE_INVALID), seen.detail());
            assertEquals(0, b.balance());
            TestMint.record(a, quotes);
            assertEquals(Wallet.Outcome.ISSUED, a.redeem(quotes.get(0).quoteId()), "the owner still can");
            assertEquals(8, a.balance());
        }
    }

    @Test
    void aSentTokenIsReceivedByAnotherWalletOnce() throws Exception {
        try (Wallet a = open("a"); Wallet b = open("b")) {
            TestMint.record(a, mint.quotes(a.lockingPubkeyHex(), 4, 1));
            new Redeemer(a, clock).redeemDue();
            String token = a.send(3); // no subset of {4, 1} makes 3: a swap to exact proofs
            assertTrue(token.startsWith("cashuB"));
            assertEquals(3, Token.decode(token).amount());
            assertEquals(2, a.balance());
            assertEquals(3, b.receive(token));
            assertEquals(3, b.balance());
            MintException twice = assertThrows(MintException.class, () -> b.receive(token));
            assertEquals(MintException.PROOFS_SPENT, twice.code());
            assertEquals(3, b.balance());

            String exact = b.send(1); // b holds 1 + 2: exact proofs, no swap
            assertEquals(2, b.balance());
            assertEquals(1, a.receive(exact));
            assertEquals(3, a.balance());
            assertTrue(b.store().allProofs().stream().anyMatch(r -> r.state().equals("SENT")));
            assertThrows(IOException.class, () -> a.send(100), "more than the balance");
        }
    }

    @Test
    void aTokenOfAnotherMintOrUnitIsRefused() throws Exception {
        try (Wallet a = open("a")) {
            String other = new Token("http://127.0.0.1:1", "hash", null, List.of(new Proof(1, "00aa", "s", new byte[33], null))).encode();
            IOException e = assertThrows(IOException.class, () -> a.receive(other));
            assertTrue(e.getMessage().contains("mint"), e.getMessage());
            String sat = new Token(mint.url(), "sat", null, List.of(new Proof(1, "00aa", "s", new byte[33], null))).encode();
            assertThrows(IOException.class, () -> a.receive(sat));
        }
    }

    @Test
    void aMintInterruptedBeforeTheRequestIsFinishedWithTheStoredOutputs() throws Exception {
        String quoteId;
        Set<String> storedSecrets;
        try (Wallet w = open("a")) {
            List<QuoteResult.Quote> quotes = mint.quotes(w.lockingPubkeyHex(), 16);
            TestMint.record(w, quotes);
            quoteId = quotes.get(0).quoteId();
            // what redeem() commits before its POST; then the process "dies"
            List<BlindedOutput> outputs = List.of(BlindedOutput.create(16, w.activeKeyset().id(), random));
            w.store().beginMint(quoteId, UUID.randomUUID().toString(), outputs, clock.millis());
            storedSecrets = outputs.stream().map(BlindedOutput::secret).collect(Collectors.toSet());
        }
        try (Wallet w = open("a")) {
            assertEquals("MINTING", w.store().quote(quoteId).state());
            assertEquals(1, new Redeemer(w, clock).redeemDue());
            assertEquals(16, w.balance());
            Set<String> secrets = w.store().allProofs().stream().map(r -> r.proof().secret()).collect(Collectors.toSet());
            assertEquals(storedSecrets, secrets, "the outputs committed before the crash were the ones minted");
            assertTrue(w.store().pendingOperations().isEmpty());
        }
    }

    @Test
    void anInterruptedSendSwapGivesItsInputsBack() throws Exception {
        try (Wallet w = open("a")) {
            TestMint.record(w, mint.quotes(w.lockingPubkeyHex(), 8));
            new Redeemer(w, clock).redeemDue();
            List<Proof> inputs = w.store().unspent();
            List<WalletStore.StoredOutput> outs = List.of(new WalletStore.StoredOutput(BlindedOutput.create(8, w.activeKeyset().id(), random), "send"));
            w.store().beginSwap(UUID.randomUUID().toString(), "send", null, inputs, outs, clock.millis());
            assertEquals(0, w.balance(), "inputs of a swap in flight are not spendable");
        }
        try (Wallet w = open("a")) {
            assertEquals(1, w.recover(), "the mint never saw the swap: its inputs are unspent");
            assertEquals(8, w.balance());
            assertTrue(w.store().pendingOperations().isEmpty());
        }
    }

    @Test
    void aNewWalletIsOwnerOnly() throws Exception {
        try (Wallet w = open("private")) {
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(tmp.resolve("private"))));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(tmp.resolve("private").resolve(WalletStore.FILE_NAME))));
            assertEquals(66, w.lockingPubkeyHex().length());
        }
        String key;
        try (Wallet w = open("private")) {
            key = w.lockingPubkeyHex();
        }
        try (Wallet w = open("private")) {
            assertEquals(key, w.lockingPubkeyHex(), "the NUT-20 key is made once and kept");
        }
    }

    @Test
    void aWalletBelongsToOneMint() throws Exception {
        try (Wallet w = open("a")) {
            assertTrue(w.mintUrl().startsWith("http://127.0.0.1:"));
        }
        IOException e = assertThrows(IOException.class, () -> Wallet.open(tmp.resolve("a"), "http://127.0.0.1:1", random, clock));
        assertTrue(e.getMessage().contains("belongs to mint"), e.getMessage());
        try (Wallet w = Wallet.open(tmp.resolve("a"), null, random, clock)) {
            assertEquals(mint.url(), w.mintUrl(), "without --mint-url the wallet's own mint");
        }
    }
}
