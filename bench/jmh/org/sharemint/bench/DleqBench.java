package org.sharemint.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.ECPoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sharemint.crypto.BlindSigner;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;

/**
 * Blind signatures with their NUT-12 DLEQ proofs, as the mint makes them per output: decode the
 * 33-byte B_, C_ = k·B_, the deterministic nonce r, R1 = r·G, R2 = r·B_, e, s, and C_ encoded
 * ({@link BlindSigner}). {@code signWithDleq}: one output per request; {@code signWithDleqBatch8}:
 * eight outputs per request (the points of a request share their field inversions); each on two
 * threads, as the mint's request threads sign on both cores (the 20,000/s goal of issue 18).
 * {@code impl} runs libsecp256k1 and BouncyCastle in the same run ({@link DleqStepsBench}: each step).
 * State is per thread. Run: make bench JMH_ARGS='DleqBench -f 1 -wi 2 -i 3'.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class DleqBench {
    private static final int POINTS = 1024;

    /** A keyset's 8 keys and 1,024 blinded messages to sign in turn. */
    @State(Scope.Thread)
    public static class Signing {
        /** native: libsecp256k1 (NativeSecp); bouncycastle: the pure-Java path, in the same run. */
        @Param({"native", "bouncycastle"})
        String impl;

        BigInteger[] keys = new BigInteger[8];
        ECPoint[] publicKeys = new ECPoint[8];
        byte[][] blinded;
        int next;

        @Setup(Level.Trial)
        public void setup() {
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < keys.length; i++) {
                keys[i] = Secp256k1.randomScalar(random);
                publicKeys[i] = Secp256k1.mulG(keys[i]);
            }
            blinded = new byte[POINTS][];
            for (int i = 0; i < POINTS; i++) {
                blinded[i] = Secp256k1.compressed(CashuCrypto.blind(("secret " + i).getBytes(StandardCharsets.UTF_8), Secp256k1.randomScalar(random)));
            }
        }

        Object sign(int outputs) throws CryptoException {
            BigInteger[] k = new BigInteger[outputs];
            ECPoint[] pub = new ECPoint[outputs];
            ECPoint[] b = new ECPoint[outputs];
            for (int i = 0; i < outputs; i++) {
                k[i] = keys[i & 7];
                pub[i] = publicKeys[i & 7];
                b[i] = Secp256k1.decodePoint(blinded[next++ & (POINTS - 1)]);
            }
            BlindSigner.Signed[] signed = impl.equals("native") ? BlindSigner.signNative(k, pub, b) : BlindSigner.signBouncyCastle(k, pub, b);
            byte[][] encoded = new byte[outputs][];
            for (int i = 0; i < outputs; i++) encoded[i] = signed[i].c();
            return encoded;
        }
    }

    @Benchmark
    public Object signWithDleq(Signing s) throws CryptoException {
        return s.sign(1);
    }

    @Benchmark
    @OperationsPerInvocation(8)
    public Object signWithDleqBatch8(Signing s) throws CryptoException {
        return s.sign(8);
    }
}
