package org.sharemint.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sharemint.config.Config;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.Targets;
import org.sharemint.crypto.Hashes;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.pool.PoolServer;
import org.sharemint.downstream.Sv2Client;
import org.sharemint.downstream.Sv2Setup;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SetTarget;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.SubmitSharesSuccess;

/**
 * The whole share path over loopback: one plaintext SV2 connection with a standard channel
 * submits shares to a {@link PoolServer} and waits for their SubmitShares.Success (deferred
 * replies: validation, pending share, mint worker, reply thread). The client grinds each share
 * itself (about four SHA256d at the benchmark's easy target), on the same machine.
 * <ul>
 *   <li>{@code roundTrip}: one share at a time, submit to success;
 *   <li>{@code pipelined64}: 64 shares in flight, score in shares per second.
 * </ul>
 * {@code mint=memory}: an issuer that answers at once (the pool alone); {@code mint=embedded}:
 * the real EmbeddedMint, SQLite in a temp dir, one durable commit per worker batch.
 * Run: make bench JMH_ARGS='PoolBench -f 1 -wi 2 -i 3'.
 */
@State(Scope.Thread)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class PoolBench {
    @Param({"memory", "embedded"})
    public String mint;

    private Path dir;
    private PoolServer pool;
    private EmbeddedMint embedded;
    private Sv2Client client;
    private Thread reader;
    private final Semaphore successes = new Semaphore(0);
    private final AtomicLong errors = new AtomicLong();
    private volatile int channelId = -1;
    private volatile int jobId;
    private volatile int version;
    private volatile byte[] merkleRoot;
    private volatile byte[] prevHash;
    private volatile int nbits;
    private volatile int ntime;
    private volatile byte[] target;
    private int nonce;
    private int sequence;

    /** Answers every request with a fresh quote id: the pool without a ledger. */
    static final class InstantIssuer implements QuoteIssuer {
        @Override
        public List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
            List<QuoteResult> out = new ArrayList<>(batch.size());
            for (QuoteRequest r : batch) out.add(new QuoteResult.Quote(UUID.randomUUID().toString(), new byte[8], r.amount()));
            return out;
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("poolbench");
        Config config = Config.of(Map.of(
                "data.dir", dir.toString(),
                "pool.listen", "127.0.0.1:0",
                "pool.noise", "false",
                "monitor.listen", "127.0.0.1:0",
                "mint.http.listen", "127.0.0.1:0",
                "channel.min-difficulty", "0.000000001",
                // at this difficulty every share is a synthetic block, so pipelined shares go stale by
                // several blocks at once (forgiven is only the block just replaced): not a hostile peer
                "pool.max-invalid-shares-per-s", "10000000", "pool.invalid-shares-burst", "10000000"));
        if (mint.equals("embedded")) {
            embedded = EmbeddedMint.start(config);
            pool = PoolServer.start(config, embedded);
        } else {
            pool = PoolServer.start(config, new InstantIssuer());
        }
        client = Sv2Client.connect(pool.minerAddress(), null, Clock.systemUTC(), 0);
        Sv2Setup.setUp(client, 0, "", 0, "poolbench", "", "", "");
        String key = HexFormat.of().formatHex(Secp256k1.compressed(Secp256k1.mulG(BigInteger.valueOf(99))));
        Sv2Setup.Opened opened = Sv2Setup.openStandard(client, 1, key + ".bench", 0f);
        target = opened.target();
        channelId = opened.channelId();
        for (Message m : opened.early()) handle(m);
        reader = Thread.ofPlatform().daemon().start(this::readLoop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (prevHash == null || merkleRoot == null) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("no job from the pool");
            Thread.onSpinWait();
        }
    }

    private void readLoop() {
        try {
            while (true) handle(client.read());
        } catch (IOException e) {
            // closed at tear-down
        }
    }

    private void handle(Message m) {
        switch (m) {
            case SubmitSharesSuccess s -> successes.release(s.newSubmitsAcceptedCount());
            case SubmitSharesError e -> {
                errors.incrementAndGet();
                successes.release(); // count it as answered; the error is reported at tear-down
            }
            case NewMiningJob j -> {
                // a job with min_ntime is active at once; a future one waits for SetNewPrevHash
                if (j.minNtime() != null) {
                    ntime = j.minNtime();
                    version = j.version();
                    merkleRoot = j.merkleRoot();
                    jobId = j.jobId();
                } else {
                    pendingJob = j;
                }
            }
            case SetNewPrevHash p -> {
                NewMiningJob j = pendingJob;
                version = j.version();
                merkleRoot = j.merkleRoot();
                nbits = p.nbits();
                ntime = p.minNtime();
                jobId = p.jobId();
                prevHash = p.prevHash();
            }
            case SetTarget t -> target = t.maximumTarget();
            default -> { }
        }
    }

    private volatile NewMiningJob pendingJob;

    private synchronized void send(Message m) throws IOException {
        client.send(m);
        client.flush();
    }

    /** Grinds the next nonce whose header hash meets the channel target. */
    private SubmitSharesStandard nextShare() {
        byte[] header = Bitcoin.header(version, prevHash, merkleRoot, ntime, nbits, 0);
        while (true) {
            int n = nonce++;
            Bitcoin.putLe32(header, Bitcoin.NONCE_OFFSET, n);
            if (Targets.meets(Hashes.sha256d(header), target)) {
                return new SubmitSharesStandard(channelId, ++sequence, jobId, n, ntime, version);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void roundTrip() throws Exception {
        send(nextShare());
        successes.acquire();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(64)
    public void pipelined64() throws Exception {
        for (int i = 0; i < 64; i++) {
            SubmitSharesStandard s = nextShare();
            synchronized (this) {
                client.send(s);
            }
        }
        synchronized (this) {
            client.flush();
        }
        successes.acquire(64);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        client.close();
        pool.close();
        if (embedded != null) embedded.close();
        if (errors.get() > 0) System.out.println("PoolBench: " + errors.get() + " submits were answered with an error");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
