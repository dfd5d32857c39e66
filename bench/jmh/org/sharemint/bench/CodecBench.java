package org.sharemint.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesExtended;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.SubmitSharesSuccess;
import org.sharemint.wire.WireException;

/**
 * The SV2 codec on the share path: frame bytes -> Message -> frame bytes for the miner's
 * SubmitSharesStandard and the pool's SubmitShares.Success (the Rust reference takes ~2.3 us
 * for an SV2 submit serialize + deserialize). The decode-only variants show the split.
 * Run: make bench JMH_ARGS='CodecBench -f 1 -wi 3 -i 5' (add -prof gc for bytes per op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class CodecBench {
    private final byte[] submitFrame =
            Codec.toBytes(new SubmitSharesStandard(1, 0, 1, 0x12345678, 0x5f5e1000, 0x20000000));
    private final byte[] successFrame = Codec.toBytes(new SubmitSharesSuccess(1, 9, 10, 10));
    /** Five message types through one call site, as a pool connection sees them (megamorphic). */
    private final byte[][] mixedFrames = {
        submitFrame,
        Codec.toBytes(new SubmitSharesExtended(1, 1, 1, 7, 0x5f5e1000, 0x20000000, new byte[8])),
        successFrame,
        Codec.toBytes(new SubmitSharesError(1, 2, "stale-share")),
        Codec.toBytes(new NewMiningJob(1, 2, null, 0x20000000, new byte[32])),
    };
    private int next;

    @Benchmark
    public byte[] submitSharesStandardRoundTrip() throws WireException {
        return Codec.toBytes(Codec.fromBytes(submitFrame));
    }

    @Benchmark
    public byte[] submitSharesSuccessRoundTrip() throws WireException {
        return Codec.toBytes(Codec.fromBytes(successFrame));
    }

    /** Round trip of the next of five frame types in turn. */
    @Benchmark
    public byte[] mixedRoundTrip() throws WireException {
        byte[] frame = mixedFrames[next];
        next = next == mixedFrames.length - 1 ? 0 : next + 1;
        return Codec.toBytes(Codec.fromBytes(frame));
    }

    @Benchmark
    public Message submitSharesStandardDecode() throws WireException {
        return Codec.fromBytes(submitFrame);
    }

    @Benchmark
    public Message submitSharesSuccessDecode() throws WireException {
        return Codec.fromBytes(successFrame);
    }
}
