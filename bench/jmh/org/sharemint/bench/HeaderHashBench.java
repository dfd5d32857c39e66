package org.sharemint.bench;

import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.crypto.Hashes;

/**
 * SHA256d of an 80-byte block header: what the pool computes once per submitted share.
 * {@link #hashesSha256d} is the pool's path (org.sharemint.crypto.Hashes: a clone of the JDK's
 * SHA-256 per call); {@link #jdkSha256d} reuses one MessageDigest (Bitcoin.headerHash, the
 * miner's path), the floor for this hash.
 * With BouncyCastle's SHA256Digest, Hashes did ~210,000/s here against ~2,000,000/s now (the
 * JDK uses the CPU's SHA extensions). The nonce changes every call so nothing is
 * constant-folded. Run: make bench JMH_ARGS='HeaderHashBench -f 1 -wi 2 -i 3'.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class HeaderHashBench {
    private final byte[] header = new byte[Bitcoin.HEADER_BYTES];
    private final byte[] out = new byte[32];
    private MessageDigest sha256;
    private int nonce;

    @Setup
    public void setup() {
        new Random(80).nextBytes(header);
        sha256 = Bitcoin.sha256();
    }

    @Benchmark
    public byte[] hashesSha256d() {
        bumpNonce();
        return Hashes.sha256d(header);
    }

    @Benchmark
    public byte[] jdkSha256d() {
        bumpNonce();
        Bitcoin.headerHash(sha256, header, out);
        return out;
    }

    private void bumpNonce() {
        Bitcoin.putLe32(header, Bitcoin.NONCE_OFFSET, ++nonce);
    }
}
