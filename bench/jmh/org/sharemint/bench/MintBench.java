package org.sharemint.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.ECPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.TearDown;
import org.sharemint.config.ConfigException;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.QuoteResult;

/**
 * The mint's two hot paths (one thread each unless run with -t; blindSignature keeps its state
 * per thread, so {@code -t 2} measures both cores signing, as the mint's request threads do):
 * <ul>
 *   <li>{@code blindSignature}: what the mint does per output — decode the 33-byte B_ (a square
 *       root), C_ = k·B_ (BouncyCastle's GLV multiplier), normalize and encode C_;
 *   <li>{@code quotesBatchN}: {@link EmbeddedMint#createQuotes} for batches of 1, 64 and 1,024
 *       quotes against a real SQLite file (WAL, synchronous=FULL) in a temp dir ({@link BenchLedger});
 *       scores are quotes per second (one fsync per batch). LedgerDatabaseBench runs the same
 *       on SQLite and PostgreSQL side by side.
 * </ul>
 * Run: make bench JMH_ARGS='MintBench -f 1 -wi 2 -i 3'.
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class MintBench {
    private static final int POINTS = 1024;

    /** A mint key and 1,024 blinded messages to sign in turn. */
    @State(Scope.Thread)
    public static class Signing {
        BigInteger k;
        byte[][] blinded;
        int next;

        @Setup(Level.Trial)
        public void setup() {
            SecureRandom random = new SecureRandom();
            k = Secp256k1.randomScalar(random);
            blinded = new byte[POINTS][];
            for (int i = 0; i < POINTS; i++) {
                blinded[i] = Secp256k1.compressed(CashuCrypto.blind(("secret " + i).getBytes(StandardCharsets.UTF_8), Secp256k1.randomScalar(random)));
            }
        }
    }

    /** An embedded mint on a fresh SQLite file in a temp dir, removed afterwards. */
    @State(Scope.Thread)
    public static class Ledger {
        BenchLedger ledger;

        @Setup(Level.Trial)
        public void setup() throws IOException, ConfigException, SQLException {
            ledger = BenchLedger.open("sqlite", (byte) 0x5a);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            ledger.close();
        }

        List<QuoteResult> quotes(int n) {
            return ledger.quotes(n);
        }
    }

    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] blindSignature(Signing s) throws CryptoException {
        ECPoint point = Secp256k1.decodePoint(s.blinded[s.next++ & (POINTS - 1)]);
        return CashuCrypto.blindSign(s.k, point).getEncoded(true);
    }

    /** {@link #blindSignature} on both cores at once, as concurrent mint requests run it (the 20,000/s target). */
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public byte[] blindSignatureTwoThreads(Signing s) throws CryptoException {
        return blindSignature(s);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(1)
    public List<QuoteResult> quotesBatch1(Ledger l) {
        return l.quotes(1);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(64)
    public List<QuoteResult> quotesBatch64(Ledger l) {
        return l.quotes(64);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(1024)
    public List<QuoteResult> quotesBatch1024(Ledger l) {
        return l.quotes(1024);
    }
}
