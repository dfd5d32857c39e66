package org.sharemint.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.WNafL2RMultiplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Dleq;
import org.sharemint.crypto.FixedBase;
import org.sharemint.crypto.Hashes;
import org.sharemint.crypto.NativeSecp;
import org.sharemint.crypto.Secp256k1;

/**
 * The steps of one blind signature with its DLEQ proof, each alone, one thread, microseconds per
 * step, BouncyCastle's ways beside libsecp256k1's in the same run (issue 18): decoding B_, the
 * variable-base products (GLV, GLV on a point whose precomputed multiples are cached from a first
 * product, plain wNAF without the endomorphism, libsecp256k1's constant-time ecmult_const), the
 * fixed-base r·G (BouncyCastle's comb, {@link FixedBase}'s 4-bit table, libsecp256k1's ecmult_gen),
 * one normalisation, the nonce's HMAC and the challenge hash (hex through a String, or written
 * straight into bytes). Run: make bench JMH_ARGS='DleqStepsBench -f 1'.
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class DleqStepsBench {
    private static final int POINTS = 256;
    private static final HexFormat HEX = HexFormat.of();

    @State(Scope.Thread)
    public static class Steps {
        BigInteger[] scalars = new BigInteger[POINTS];
        byte[][] scalars32 = new byte[POINTS][];
        byte[][] compressed = new byte[POINTS][];
        byte[][] uncompressed = new byte[POINTS][];
        ECPoint[] cached = new ECPoint[POINTS];
        ECPoint[] jacobian = new ECPoint[POINTS];
        final WNafL2RMultiplier wnaf = new WNafL2RMultiplier();
        int next;

        @Setup(Level.Trial)
        public void setup() {
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < POINTS; i++) {
                scalars[i] = Secp256k1.randomScalar(random);
                scalars32[i] = Secp256k1.bytes32(scalars[i]);
                ECPoint b = CashuCrypto.blind(("secret " + i).getBytes(StandardCharsets.UTF_8), Secp256k1.randomScalar(random));
                compressed[i] = b.getEncoded(true);
                uncompressed[i] = b.getEncoded(false);
                cached[i] = b;
                b.multiply(scalars[i]); // leaves the GLV precomputation on the point, as k·B_ does before r·B_
                jacobian[i] = b.add(Secp256k1.G); // not normalized: z != 1
            }
        }

        int i() {
            return next++ & (POINTS - 1);
        }

        /** A fresh point object (no cached precomputation), without a square root. */
        ECPoint fresh(int i) {
            return Secp256k1.CURVE.decodePoint(uncompressed[i]);
        }
    }

    @Benchmark
    public ECPoint decodeCompressedBouncyCastle(Steps s) {
        return Secp256k1.CURVE.decodePoint(s.compressed[s.i()]).normalize();
    }

    @Benchmark
    public ECPoint decodeCompressedNative(Steps s) throws CryptoException {
        return Secp256k1.decodePoint(s.compressed[s.i()]); // libsecp256k1's parse, then the point from its coordinates
    }

    @Benchmark
    public ECPoint varBaseGlvFresh(Steps s) {
        int i = s.i();
        return s.fresh(i).multiply(s.scalars[i]).normalize();
    }

    @Benchmark
    public ECPoint varBaseGlvCachedBase(Steps s) {
        int i = s.i();
        return s.cached[i].multiply(s.scalars[(i + 1) & (POINTS - 1)]).normalize();
    }

    @Benchmark
    public ECPoint varBaseWnafNoEndomorphism(Steps s) {
        int i = s.i();
        return s.wnaf.multiply(s.fresh(i), s.scalars[i]).normalize();
    }

    @Benchmark
    public byte[] varBaseNative(Steps s) {
        int i = s.i();
        return NativeSecp.multiply(s.uncompressed[i], s.scalars32[(i + 1) & (POINTS - 1)]);
    }

    @Benchmark
    public ECPoint fixedBaseComb(Steps s) {
        return Secp256k1.mulG(s.scalars[s.i()]);
    }

    @Benchmark
    public ECPoint fixedBaseTable(Steps s) {
        return FixedBase.mulG(s.scalars[s.i()]);
    }

    @Benchmark
    public byte[] fixedBaseNative(Steps s) {
        return NativeSecp.multiplyG(s.scalars32[s.i()]);
    }

    @Benchmark
    public ECPoint normalizeOne(Steps s) {
        return s.jacobian[s.i()].normalize();
    }

    @Benchmark
    public ECPoint[] normalizeAll8(Steps s) {
        ECPoint[] p = new ECPoint[8];
        for (int j = 0; j < 8; j++) p[j] = s.jacobian[s.i()];
        Secp256k1.CURVE.normalizeAll(p);
        return p;
    }

    @Benchmark
    public byte[] nonceHmac(Steps s) {
        int i = s.i();
        return Dleq.nonce(s.scalars32[i], s.uncompressed[i], s.uncompressed[(i + 1) & (POINTS - 1)], s.uncompressed[(i + 2) & (POINTS - 1)]);
    }

    @Benchmark
    public byte[] challengeHexString(Steps s) {
        // the former way: each point's hex through a StringBuilder, then its ASCII bytes
        int i = s.i();
        StringBuilder b = new StringBuilder(520);
        for (int j = 0; j < 4; j++) b.append(HEX.formatHex(s.uncompressed[(i + j) & (POINTS - 1)]));
        return Hashes.sha256(b.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Benchmark
    public byte[] challengeBytes(Steps s) {
        int i = s.i();
        return Dleq.challenge(s.uncompressed[i], s.uncompressed[(i + 1) & (POINTS - 1)], s.uncompressed[(i + 2) & (POINTS - 1)], s.uncompressed[(i + 3) & (POINTS - 1)]);
    }

    @Benchmark
    public byte[] encodeUncompressed(Steps s) {
        return s.cached[s.i()].getEncoded(false);
    }
}
