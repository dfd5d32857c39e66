package org.sharemint.wallet;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh embedded mint per test (loopback HTTP, SQLite in a temp dir) and wallets on it in the same temp dir. */
abstract class WalletMintFixture {
    @TempDir
    Path tmp;
    TestMint mint;
    final SecureRandom random = new SecureRandom();
    final Clock clock = Clock.systemUTC();

    /** The mint's settings beyond data.dir and an ephemeral port. */
    Map<String, String> mintSettings() {
        return Map.of();
    }

    @BeforeEach
    void startMint() throws Exception {
        mint = new TestMint(tmp.resolve("mint"), mintSettings());
    }

    @AfterEach
    void stopMint() {
        mint.close();
    }

    Wallet open(String name) throws IOException {
        return Wallet.open(tmp.resolve(name), mint.url(), random, clock);
    }
}
