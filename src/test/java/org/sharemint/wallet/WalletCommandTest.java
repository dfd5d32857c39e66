package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.CommandRun.run;

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

        Result got = run("wallet", "--wallet-dir=" + tmp.resolve("b"), "--mint-url=" + mint.url(), "receive", token);
        assertEquals(0, got.code(), got.err());
        assertTrue(got.out().startsWith("received 3 hash; balance 3 hash"), got.out());

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
        assertEquals(1, noMint.code());
        assertTrue(noMint.err().contains("--mint-url"), noMint.err());
        Result garbage = run("wallet", "--wallet-dir=" + tmp.resolve("a"), "--mint-url=" + mint.url(), "receive", "cashuBnonsense");
        assertEquals(1, garbage.code());
        assertTrue(garbage.err().startsWith("wallet: token"), garbage.err());
        assertTrue(run("wallet", "--help").out().contains("receive TOKEN"));
        assertTrue(run("miner", "--help").out().contains("--authority-key"));
    }
}
