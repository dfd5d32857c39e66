package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.CommandRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.CommandRun.Result;

/** {@code sharemint wallet ...} as a user runs it, against a real mint. */
class WalletCommandTest {
    @TempDir
    Path tmp;
    TestMint mint;

    @BeforeEach
    void start() throws Exception {
        mint = new TestMint(tmp.resolve("mint"));
    }

    @AfterEach
    void stop() {
        mint.close();
    }

    @Test
    void redeemBalanceSendReceiveList() throws Exception {
        String a = "--wallet-dir=" + tmp.resolve("a");
        try (Wallet w = Wallet.open(tmp.resolve("a"), mint.url(), new SecureRandom(), Clock.systemUTC())) {
            TestMint.record(w, mint.quotes(w.lockingPubkeyHex(), 4, 1));
        }
        Result r = run("wallet", a, "redeem");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("redeemed 2 quote(s); balance 5 hash"), r.out());
        assertEquals("5 hash\n", run("wallet", a, "balance").out());

        Result sent = run("wallet", a, "send", "--amount=3");
        assertEquals(0, sent.code(), sent.err());
        String token = sent.out().strip();
        assertTrue(token.startsWith("cashuB"), token);
        assertEquals("2 hash\n", run("wallet", a, "balance").out());

        // a new wallet takes its mint from the token it receives
        Result got = run("wallet", "--wallet-dir=" + tmp.resolve("b"), "receive", token);
        assertEquals(0, got.code(), got.err());
        assertTrue(got.out().startsWith("received 3 hash; balance 3 hash"), got.out());
        assertTrue(run("wallet", "--wallet-dir=" + tmp.resolve("b"), "list").out().startsWith("mint " + mint.url() + ","));

        Result again = run("wallet", "--wallet-dir=" + tmp.resolve("b"), "receive", token);
        assertEquals(1, again.code());
        assertTrue(again.err().contains("11001"), again.err());

        Result list = run("wallet", a, "list");
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("ISSUED=2") && list.out().contains("SENT") && list.out().contains("balance 2 hash"), list.out());
    }

    @Test
    void usageMistakesExit2AndMintTroubleExits1() {
        assertEquals(2, run("wallet", "balance").code(), "no --wallet-dir");
        assertEquals(2, run("wallet", "--wallet-dir=" + tmp.resolve("a")).code(), "no command");
        assertEquals(2, run("wallet", "--wallet-dir=" + tmp.resolve("a"), "frobnicate").code());
        assertEquals(2, run("wallet", "--wallet-dir=" + tmp.resolve("a"), "send").code(), "no amount");
        assertEquals(2, run("wallet", "--wallet-dir=" + tmp.resolve("a"), "send", "--amount=-1").code());
        Result noMint = run("wallet", "--wallet-dir=" + tmp.resolve("new"), "balance");
        assertEquals(2, noMint.code());
        assertEquals("wallet: no wallet in " + tmp.resolve("new") + " yet: give --mint-url=URL to make one (or receive a token into it)\n", noMint.said());
        assertFalse(Files.exists(tmp.resolve("new")), "nothing made");
        Result garbage = run("wallet", "--wallet-dir=" + tmp.resolve("a"), "--mint-url=" + mint.url(), "receive", "cashuBnonsense");
        assertEquals(1, garbage.code());
        assertTrue(garbage.said().startsWith("wallet: token"), garbage.err());
        assertFalse(Files.exists(tmp.resolve("a")), "a failed command leaves no half-made wallet");
        assertEquals(2, run("wallet", "--wallet-dir=" + tmp.resolve("a"), "--mint-url", "balance").code(), "--mint-url without a value");
        assertTrue(run("wallet", "--help").out().contains("receive TOKEN"));
        assertTrue(run("miner", "--help").out().contains("--authority-key"));
    }

    @Test
    void aWalletDirThatIsAFileIsOneLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Result r = run("wallet", "--wallet-dir=" + file, "--mint-url=" + mint.url(), "balance");
        assertEquals(2, r.code());
        assertEquals("--wallet-dir: " + file + " is a file, not a directory\n", r.said());
        Result under = run("wallet", "--wallet-dir=" + file.resolve("w"), "--mint-url=" + mint.url(), "balance");
        assertEquals(2, under.code());
        assertEquals("--wallet-dir: " + file + " is a file, not a directory\n", under.said());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aReceiveThatFailsOnANewWalletLeavesNoWallet() throws Exception {
        try (Wallet w = Wallet.open(tmp.resolve("a"), mint.url(), new SecureRandom(), Clock.systemUTC())) {
            TestMint.record(w, mint.quotes(w.lockingPubkeyHex(), 4));
        }
        assertEquals(0, run("wallet", "--wallet-dir=" + tmp.resolve("a"), "redeem").code());
        String token = run("wallet", "--wallet-dir=" + tmp.resolve("a"), "send", "--amount=4").out().strip();
        mint.close(); // the token's mint is gone: the swap cannot happen
        Result r = run("wallet", "--wallet-dir=" + tmp.resolve("b"), "receive", token);
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.said().lines().count(), r.err());
        assertFalse(Files.exists(tmp.resolve("b")), "no half-made wallet: " + r.err());
    }
}
