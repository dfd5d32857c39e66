package org.sharemint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;

/**
 * The mint's two hot paths (one thread each unless run with -t; blindSignature keeps its state
 * per thread, so {@code -t 2} measures both cores signing, as the mint's request threads do):
 * <ul>
 *   <li>{@code blindSignature}: what the mint does per output — decode the 33-byte B_ (a square
 *       root), C_ = k·B_ (BouncyCastle's GLV multiplier), normalize and encode C_;
 *   <li>{@code quotesBatchN}: {@link EmbeddedMint#createQuotes} for batches of 1, 64 and 1,024
 *       quotes against a real SQLite file (WAL, synchronous=FULL) in a temp dir; scores are
 *       quotes per second (one fsync per batch).
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
        Path dir;
        EmbeddedMint mint;
        byte[] lockingKey;
        long shareCounter;

        @Setup(Level.Trial)
        public void setup() throws IOException, ConfigException {
            dir = Files.createTempDirectory("mintbench");
            mint = EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0")));
            lockingKey = Secp256k1.compressed(Secp256k1.mulG(Secp256k1.randomScalar(new SecureRandom())));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            mint.close();
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
                share[31] = 0x5a; // unique per counter; the rest stays zero
                batch.add(new QuoteRequest(share, 1L << (i & 7), "hash", lockingKey, deadline));
            }
            List<QuoteResult> r = mint.createQuotes(batch);
            if (!(r.get(n - 1) instanceof QuoteResult.Quote)) throw new IllegalStateException("refused: " + r.get(n - 1));
            return r;
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
