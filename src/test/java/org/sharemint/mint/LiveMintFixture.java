package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.crypto.Secp256k1;

/**
 * One embedded mint per test class: the Cashu API over real HTTP on loopback, a real SQLite
 * ledger in a temp dir (or a PostgreSQL database: the *OnPostgresTest subclasses), a {@link TestWallet} pointed at it, and the active keyset derived on its
 * own from the seed file. Test classes run one after another, so the statics are one class's.
 */
abstract class LiveMintFixture {
    @TempDir
    static Path dir;
    static EmbeddedMint mint;
    static TestWallet wallet;
    static Keyset keyset;
    static final SecureRandom RANDOM = new SecureRandom();

    @BeforeAll
    static void start(org.junit.jupiter.api.TestInfo info) throws Exception {
        Class<?> test = info.getTestClass().orElseThrow();
        startOn(test.isAnnotationPresent(OnPostgres.class) ? PostgresExtension.database(test) : "jdbc:sqlite:" + dir.resolve("mint.db"));
    }

    /** A subclass that runs the same tests with the ledger in a PostgreSQL database of the run's test server. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    @org.junit.jupiter.api.extension.ExtendWith(PostgresExtension.class)
    @interface OnPostgres {}

    /** Starts the class's mint on the ledger at {@code url}. */
    static void startOn(String url) throws Exception {
        mint = EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0", "mint.db.url", url,
            "mint.db.password", TestPostgres.PASSWORD)));
        wallet = new TestWallet(mint.httpAddress());
        keyset = Keyset.derive(MintSeed.loadOrCreate(dir, RANDOM), 0, "hash", 2, true, 0);
    }

    @AfterAll
    static void stop() {
        mint.close();
    }

    /** A quote for a fresh random share, locked to {@code key}; returns its id. */
    static String quote(BigInteger key, long amount) {
        byte[] share = new byte[32];
        RANDOM.nextBytes(share);
        QuoteResult r = mint.createQuotes(List.of(new QuoteRequest(share, amount, "hash", Secp256k1.compressed(Secp256k1.mulG(key)),
            System.currentTimeMillis() + 60_000))).get(0);
        return assertInstanceOf(QuoteResult.Quote.class, r).quoteId();
    }
}
