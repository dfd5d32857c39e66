package org.sharemint.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.noise.InitiatorHandshake;
import org.sharemint.noise.NoiseSession;
import org.sharemint.noise.ResponderHandshake;
import org.sharemint.wire.Frame;
import org.sharemint.wire.FrameChannel;

/**
 * Noise NX cost, in memory (no sockets): a full handshake with both sides' work (Act 1, Act 2,
 * certificate check); the responder's (pool's) part alone, answering Act 1 messages prepared in
 * setup; the initiator's Act 1 alone; and one frame encrypted by one end and decrypted by the
 * other (64 B and 1 KiB payloads). All threads share one authority key, as the pool's acceptor
 * threads do. The Rust reference (noise-sv2) takes ~317 us per handshake and ~5.2 us per 64-byte
 * round trip. Run: make bench JMH_ARGS='NoiseBench -f 1 -wi 5 -w 3s -i 5' (add -t 2 for both cores;
 * the JIT takes ~10 s to settle on BouncyCastle's field code when the 2 cores are shared).
 */
@State(Scope.Thread)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class NoiseBench {
    /** Prepared Act 1 messages the responder-only benchmark answers in turn. */
    private static final int ACT1S = 1024;

    /** The pool's authority key, one per trial for all threads. */
    @State(Scope.Benchmark)
    public static class Authority {
        AuthorityKey key;
        byte[] publicKey;

        @Setup(Level.Trial)
        public void setup() {
            key = AuthorityKey.generate(new SecureRandom());
            publicKey = key.publicKey();
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private AuthorityKey authority;
    private byte[] authorityPublic;
    private byte[][] act1s;
    private int nextAct1;
    private Pipe pipe;
    private FrameChannel sender;
    private FrameChannel receiver;
    private Frame frame64;
    private Frame frame1k;

    @Setup(Level.Trial)
    public void setup(Authority shared) throws IOException {
        authority = shared.key;
        authorityPublic = shared.publicKey;
        act1s = new byte[ACT1S][];
        for (int n = 0; n < ACT1S; n++) act1s[n] = new InitiatorHandshake(authorityPublic, clock, random).act1();
        InitiatorHandshake i = new InitiatorHandshake(authorityPublic, clock, random);
        ResponderHandshake r = new ResponderHandshake(authority, 3600, clock, random);
        NoiseSession initiator = i.act2(r.act2(i.act1()));
        pipe = new Pipe();
        sender = initiator.channel(InputStream.nullInputStream(), pipe.out, 1 << 20, () -> {});
        receiver = r.session().channel(pipe.in, OutputStream.nullOutputStream(), 1 << 20, () -> {});
        frame64 = new Frame(0x8000, 0x1a, new byte[64]);
        frame1k = new Frame(0x8000, 0x1f, new byte[1024]);
    }

    /** Both sides of one handshake: initiator Act 1, responder Act 2, initiator checks and splits. */
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public NoiseSession handshake() throws IOException {
        InitiatorHandshake i = new InitiatorHandshake(authorityPublic, clock, random);
        ResponderHandshake r = new ResponderHandshake(authority, 3600, clock, random);
        return i.act2(r.act2(i.act1()));
    }

    /** The pool's part of one handshake: Act 1 (prepared in setup) in, Act 2 out, session split. */
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public NoiseSession responderHandshake() throws IOException {
        ResponderHandshake r = new ResponderHandshake(authority, 3600, clock, random);
        r.act2(act1s[nextAct1++ & (ACT1S - 1)]);
        return r.session();
    }

    /** {@link #responderHandshake} on both cores at once, as the pool's acceptor threads run it (the 3,000/s target). */
    @Warmup(iterations = 4, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public NoiseSession responderHandshakeTwoThreads() throws IOException {
        return responderHandshake();
    }

    /** The initiator's Act 1 alone (fresh ephemeral key and its ElligatorSwift encoding). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public byte[] initiatorAct1() {
        return new InitiatorHandshake(authorityPublic, clock, random).act1();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Frame frame64RoundTrip() throws IOException {
        return roundTrip(frame64);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Frame frame1kRoundTrip() throws IOException {
        return roundTrip(frame1k);
    }

    private Frame roundTrip(Frame f) throws IOException {
        sender.write(f);
        sender.flush();
        return receiver.read();
    }

    /** A reusable in-memory byte pipe: written, then read back empty, then rewound. */
    static final class Pipe {
        byte[] buf = new byte[4096];
        int writePos;
        int readPos;

        final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (readPos == writePos) readPos = writePos = 0;
                if (writePos + len > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, writePos + len));
                System.arraycopy(b, off, buf, writePos, len);
                writePos += len;
            }
        };

        final InputStream in = new InputStream() {
            @Override
            public int read() {
                return readPos < writePos ? buf[readPos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (readPos == writePos) return len == 0 ? 0 : -1;
                int n = Math.min(len, writePos - readPos);
                System.arraycopy(buf, readPos, b, off, n);
                readPos += n;
                return n;
            }
        };
    }
}
