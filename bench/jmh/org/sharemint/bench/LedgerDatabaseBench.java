package org.sharemint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sharemint.config.Config;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.mint.TestPostgres;

/**
 * {@link EmbeddedMint#createQuotes} for batches of 1, 64 and 1,024 quotes on both ledgers in
 * the same run: {@code db=sqlite} (a file in a temp dir, WAL, synchronous=FULL) and
 * {@code db=postgresql} (a throwaway local server of Debian's postgresql package, fsync on,
 * over loopback TCP, through HikariCP). Scores are quotes per second; one commit per batch.
 * What limits each: batches of 1 are a commit each, so the disk's sync (fsync of the WAL; the
 * same for both databases) and, on PostgreSQL, a few loopback round trips; at 64 and 1,024 the
 * sync is shared and the CPU of binding and inserting rows (and PostgreSQL's parsing of the rows
 * sent over the socket) sets the rate.
 * Without the server binaries the postgresql runs fail at setup (the sqlite ones still run).
 * Run: make bench JMH_ARGS='LedgerDatabaseBench'.
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerDatabaseBench {
    @State(Scope.Benchmark)
    public static class Ledger {
        @Param({"sqlite", "postgresql"})
        public String db;

        Path dir;
        TestPostgres server;
        EmbeddedMint mint;
        byte[] lockingKey;
        long shareCounter;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            dir = Files.createTempDirectory("ledgerbench");
            String url = "jdbc:sqlite:" + dir.resolve("mint.db");
            if (db.equals("postgresql")) {
                server = TestPostgres.start(true);
                url = server.newDatabase("bench");
            }
            mint = EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0", "mint.db.url", url,
                "mint.db.password", TestPostgres.PASSWORD)));
            lockingKey = Secp256k1.compressed(Secp256k1.mulG(Secp256k1.randomScalar(new SecureRandom())));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            mint.close();
            if (server != null) server.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }

        List<QuoteResult> quotes(int n) {
            List<QuoteRequest> batch = new ArrayList<>(n);
            long deadline = System.currentTimeMillis() + 60_000;
            for (int i = 0; i < n; i++) {
                byte[] share = new byte[32];
                long c = ++shareCounter;
                for (int j = 0; j < 8; j++) share[j] = (byte) (c >>> (8 * j));
                share[31] = 0x5b;
                batch.add(new QuoteRequest(share, 1L << (i & 7), "hash", lockingKey, deadline));
            }
            List<QuoteResult> r = mint.createQuotes(batch);
            if (!(r.get(n - 1) instanceof QuoteResult.Quote)) throw new IllegalStateException("refused: " + r.get(n - 1));
            return r;
        }
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public List<QuoteResult> batch1(Ledger l) {
        return l.quotes(1);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public List<QuoteResult> batch64(Ledger l) {
        return l.quotes(64);
    }

    @Benchmark
    @OperationsPerInvocation(1024)
    public List<QuoteResult> batch1024(Ledger l) {
        return l.quotes(1024);
    }
}
