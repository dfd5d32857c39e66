package org.sharemint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.process.LocalPostgres;

/**
 * An embedded mint on a fresh ledger for the JMH benchmarks of {@link EmbeddedMint#createQuotes}
 * (MintBench, LedgerDatabaseBench): "sqlite", a file in a temp dir (WAL, synchronous=FULL), or
 * "postgresql", a database on a throwaway local server ({@link LocalPostgres}, fsync on, as the
 * load bench's mode (a-pg) starts it). {@link #close} removes both.
 */
final class BenchLedger implements AutoCloseable {
    private final Path dir;
    private final LocalPostgres server;
    private final EmbeddedMint mint;
    private final byte[] lockingKey;
    private final byte marker;
    private long shareCounter;

    private BenchLedger(Path dir, LocalPostgres server, EmbeddedMint mint, byte marker) {
        this.dir = dir;
        this.server = server;
        this.mint = mint;
        this.marker = marker;
        this.lockingKey = Secp256k1.compressed(Secp256k1.mulG(Secp256k1.randomScalar(new SecureRandom())));
    }

    /** A mint on a new ledger of {@code db}; {@code marker} is the last byte of every share hash (unique per benchmark). */
    static BenchLedger open(String db, byte marker) throws IOException, ConfigException, SQLException {
        Path dir = Files.createTempDirectory("benchledger");
        LocalPostgres server = null;
        try {
            String url = "jdbc:sqlite:" + dir.resolve("mint.db");
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            switch (db) {
                case "sqlite" -> { }
                case "postgresql" -> {
                    server = LocalPostgres.start(true, password);
                    url = server.newDatabase("bench");
                }
                default -> throw new IllegalArgumentException("db: sqlite or postgresql, not " + db);
            }
            EmbeddedMint mint = EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0", "mint.db.url", url,
                "mint.db.password", password)));
            return new BenchLedger(dir, server, mint, marker);
        } catch (IOException | ConfigException | SQLException | RuntimeException e) {
            if (server != null) server.close();
            deleteTree(dir);
            throw e;
        }
    }

    /** One createQuotes call of {@code n} fresh shares; fails unless the last got a quote. */
    List<QuoteResult> quotes(int n) {
        List<QuoteRequest> batch = new ArrayList<>(n);
        long deadline = System.currentTimeMillis() + 60_000;
        for (int i = 0; i < n; i++) {
            byte[] share = new byte[32];
            long c = ++shareCounter;
            for (int j = 0; j < 8; j++) share[j] = (byte) (c >>> (8 * j));
            share[31] = marker; // unique per counter; the rest stays zero
            batch.add(new QuoteRequest(share, 1L << (i & 7), "hash", lockingKey, deadline));
        }
        List<QuoteResult> r = mint.createQuotes(batch);
        if (!(r.get(n - 1) instanceof QuoteResult.Quote)) throw new IllegalStateException("refused: " + r.get(n - 1));
        return r;
    }

    @Override
    public void close() {
        mint.close();
        if (server != null) server.close();
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
