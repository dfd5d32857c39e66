package org.sharemint.pool;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.Targets;
import org.sharemint.crypto.Hashes;
import org.sharemint.downstream.Sv2Client;
import org.sharemint.downstream.Sv2Setup;
import org.sharemint.wire.Extensions;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewExtendedMiningJob;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.OpenExtendedMiningChannel;
import org.sharemint.wire.OpenExtendedMiningChannelSuccess;
import org.sharemint.wire.OpenMiningChannelError;
import org.sharemint.wire.OpenStandardMiningChannel;
import org.sharemint.wire.OpenStandardMiningChannelSuccess;
import org.sharemint.wire.RequestExtensions;
import org.sharemint.wire.RequestExtensionsSuccess;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SetTarget;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SetupConnectionSuccess;
import org.sharemint.wire.SubmitSharesExtended;
import org.sharemint.wire.SubmitSharesStandard;

/**
 * A minimal SV2 downstream for tests on {@link Sv2Client}: a reader thread records every message
 * and keeps each channel's jobs and target; {@link #findShare} grinds nonces on the CPU.
 */
final class Sv2TestClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    /** Awaitility with a short poll, so tests wait for conditions without sleeping long. */
    static ConditionFactory waiting() {
        return Awaitility.await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    final Socket socket;
    private final Sv2Client client;
    private final OutputStream rawOut;
    final List<Message> received = new CopyOnWriteArrayList<>();
    final Map<Integer, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicInteger nextRequest = new AtomicInteger(1);
    private final AtomicInteger nextNonce = new AtomicInteger();
    private final Thread reader;
    volatile boolean ended;
    volatile IOException endedBy;
    /** Told of each message as it arrives, on the reader thread (latency measurements); null: nobody. */
    volatile java.util.function.Consumer<Message> onMessage;

    /** One channel as this client sees it. */
    static final class Channel {
        final int id;
        final boolean extended;
        final byte[] prefix;
        final int extranonceSize;
        volatile byte[] target;
        final Map<Integer, Job> jobs = new ConcurrentHashMap<>();
        volatile Job active;
        volatile byte[] prevHash;
        volatile int nbits;
        volatile int prevMinNtime;

        Channel(int id, boolean extended, byte[] prefix, int extranonceSize, byte[] target) {
            this.id = id;
            this.extended = extended;
            this.prefix = prefix;
            this.extranonceSize = extranonceSize;
            this.target = target;
        }
    }

    record Job(int id, Integer minNtime, int version, byte[] merkleRoot, List<byte[]> path, byte[] cbPrefix, byte[] cbSuffix) {}

    /** A found share, ready to submit. */
    record Share(int channelId, int jobId, int nonce, int ntime, int version, byte[] extranonce, byte[] hash) {}

    private Sv2TestClient(Sv2Client client) throws IOException {
        this.client = client;
        this.socket = client.socket();
        this.rawOut = socket.getOutputStream();
        this.reader = Thread.ofVirtual().name("test-client-reader").start(this::readLoop);
    }

    static Sv2TestClient connect(InetSocketAddress address) throws IOException {
        return new Sv2TestClient(Sv2Client.connect(address, null, Clock.systemUTC(), 0));
    }

    /** Connects over Noise NX, pinning the pool's authority key (32-byte x-only). */
    static Sv2TestClient connectNoise(InetSocketAddress address, byte[] authorityKey) throws IOException {
        Sv2Client c = Sv2Client.connect(address, authorityKey, Clock.systemUTC(), 10_000);
        c.socket().setSoTimeout(0);
        return new Sv2TestClient(c);
    }

    /** Connects, sets up, optionally negotiates the ehash extension. */
    static Sv2TestClient ready(InetSocketAddress address, boolean ehash) throws IOException {
        Sv2TestClient c = connect(address);
        c.setup();
        if (ehash) c.requestEhash();
        return c;
    }

    private void readLoop() {
        try {
            while (true) {
                Message m = client.read();
                java.util.function.Consumer<Message> hook = onMessage;
                if (hook != null) hook.accept(m);
                track(m);
                received.add(m);
            }
        } catch (EOFException e) {
            // the pool closed the connection
        } catch (IOException e) {
            endedBy = e;
        } finally {
            ended = true;
        }
    }

    /** Job messages for channels whose open Success the test has not registered yet. */
    private final List<Message> early = new java.util.ArrayList<>();

    private synchronized void track(Message m) {
        int channelId = channelOf(m);
        if (channelId >= 0 && !channels.containsKey(channelId)) {
            early.add(m);
            return;
        }
        switch (m) {
            case NewMiningJob j -> {
                Channel c = channels.get(j.channelId());
                if (c != null) {
                    Job job = new Job(j.jobId(), j.minNtime(), j.version(), j.merkleRoot(), null, null, null);
                    c.jobs.put(j.jobId(), job);
                    if (j.minNtime() != null) c.active = job;
                }
            }
            case NewExtendedMiningJob j -> {
                Channel c = channels.get(j.channelId());
                if (c != null) {
                    Job job = new Job(j.jobId(), j.minNtime(), j.version(), null, j.merklePath(), j.coinbaseTxPrefix(), j.coinbaseTxSuffix());
                    c.jobs.put(j.jobId(), job);
                    if (j.minNtime() != null) c.active = job;
                }
            }
            case SetNewPrevHash p -> {
                Channel c = channels.get(p.channelId());
                if (c != null) {
                    c.prevHash = p.prevHash();
                    c.nbits = p.nbits();
                    c.prevMinNtime = p.minNtime();
                    c.active = c.jobs.get(p.jobId());
                }
            }
            case SetTarget t -> {
                Channel c = channels.get(t.channelId());
                if (c != null) c.target = t.maximumTarget();
            }
            default -> { }
        }
    }

    synchronized void send(Message m) throws IOException {
        client.send(m);
        client.flush();
    }

    /** Bytes straight onto the socket (malformed frames). */
    synchronized void sendRaw(byte[] bytes) throws IOException {
        rawOut.write(bytes);
        rawOut.flush();
    }

    void setup() throws IOException {
        send(new SetupConnection(Sv2Setup.PROTOCOL_MINING, Sv2Setup.VERSION, Sv2Setup.VERSION, 0, "127.0.0.1", 0, "sharemint-test", "", "", ""));
        awaitMessage(SetupConnectionSuccess.class, x -> true);
    }

    void requestEhash() throws IOException {
        int id = nextRequest.getAndIncrement();
        send(new RequestExtensions(id, new int[] {Extensions.EHASH}));
        awaitMessage(RequestExtensionsSuccess.class, r -> r.requestId() == id);
    }

    Channel openStandard(String identity) throws IOException {
        int req = nextRequest.getAndIncrement();
        send(new OpenStandardMiningChannel(req, identity, 0f, Sv2Setup.maxTarget()));
        return awaitOpen(req, false);
    }

    Channel openExtended(String identity, int minExtranonce) throws IOException {
        int req = nextRequest.getAndIncrement();
        send(new OpenExtendedMiningChannel(req, identity, 0f, Sv2Setup.maxTarget(), minExtranonce));
        return awaitOpen(req, true);
    }

    /** Sends an open and returns the error code it got. */
    String openError(Message open, int requestId) throws IOException {
        send(open);
        return awaitMessage(OpenMiningChannelError.class, e -> e.requestId() == requestId).errorCode();
    }

    int nextRequestId() {
        return nextRequest.getAndIncrement();
    }

    private Channel awaitOpen(int req, boolean extended) {
        // the channel must be known before its first job is tracked: register on the Success
        Message ok = awaitMessage(Message.class, m -> (m instanceof OpenStandardMiningChannelSuccess s && s.requestId() == req)
                || (m instanceof OpenExtendedMiningChannelSuccess e && e.requestId() == req)
                || (m instanceof OpenMiningChannelError x && x.requestId() == req));
        if (ok instanceof OpenMiningChannelError x) throw new AssertionError("open refused: " + x.errorCode());
        Channel c = ok instanceof OpenStandardMiningChannelSuccess s
                ? new Channel(s.channelId(), false, s.extranoncePrefix(), 0, s.target())
                : new Channel(((OpenExtendedMiningChannelSuccess) ok).channelId(), true,
                        ((OpenExtendedMiningChannelSuccess) ok).extranoncePrefix(),
                        ((OpenExtendedMiningChannelSuccess) ok).extranonceSize(), ((OpenExtendedMiningChannelSuccess) ok).target());
        register(c);
        waiting().until(() -> c.active != null && c.prevHash != null);
        return c;
    }

    /** Makes the channel known and applies the job messages that arrived before, in order. */
    private synchronized void register(Channel c) {
        channels.put(c.id, c);
        List<Message> mine = new java.util.ArrayList<>();
        for (Message m : early) {
            if (channelOf(m) == c.id) mine.add(m);
        }
        early.removeAll(mine);
        for (Message m : mine) track(m);
    }

    private static int channelOf(Message m) {
        return switch (m) {
            case NewMiningJob j -> j.channelId();
            case NewExtendedMiningJob j -> j.channelId();
            case SetNewPrevHash p -> p.channelId();
            case SetTarget t -> t.channelId();
            default -> -1;
        };
    }

    /** The first received message of this type matching {@code p}, waiting for it. */
    <T extends Message> T awaitMessage(Class<T> type, Predicate<T> p) {
        return waiting().until(() -> find(type, p), x -> x != null);
    }

    <T extends Message> T find(Class<T> type, Predicate<T> p) {
        for (Message m : received) {
            if (type.isInstance(m) && p.test(type.cast(m))) return type.cast(m);
        }
        return null;
    }

    <T extends Message> List<T> all(Class<T> type, Predicate<T> p) {
        return received.stream().filter(type::isInstance).map(type::cast).filter(p).toList();
    }

    /**
     * Grinds nonces on the channel's active job until the hash meets the channel's target
     * ({@code valid}) or misses both it and the network target.
     */
    Share findShare(Channel c, boolean valid) {
        return findShare(c, valid, 0);
    }

    /** As {@link #findShare(Channel, boolean)}, with the job's version XOR {@code versionBits}. */
    Share findShare(Channel c, boolean valid, int versionBits) {
        Job job = c.active;
        int version = job.version() ^ versionBits;
        byte[] extranonce = new byte[c.extranonceSize];
        byte[] root = job.merkleRoot();
        if (c.extended) {
            root = Bitcoin.coinbaseMerkleRoot(job.path(), job.cbPrefix(), c.prefix, extranonce, job.cbSuffix());
        }
        int ntime = job.minNtime() != null ? job.minNtime() : c.prevMinNtime;
        byte[] network = Targets.toLe(Targets.fromCompact(c.nbits));
        for (int i = 0; i < 10_000_000; i++) {
            int nonce = nextNonce.getAndIncrement();
            byte[] hash = Hashes.sha256d(Bitcoin.header(version, c.prevHash, root, ntime, c.nbits, nonce));
            boolean meets = Targets.meets(hash, c.target);
            if (valid ? meets : !meets && !Targets.meets(hash, network)) {
                return new Share(c.id, job.id(), nonce, ntime, version, extranonce, hash);
            }
        }
        throw new AssertionError("no share found in 10M nonces");
    }

    void submit(Share s, int sequence) throws IOException {
        if (s.extranonce().length > 0) {
            send(new SubmitSharesExtended(s.channelId(), sequence, s.jobId(), s.nonce(), s.ntime(), s.version(), s.extranonce()));
        } else {
            send(new SubmitSharesStandard(s.channelId(), sequence, s.jobId(), s.nonce(), s.ntime(), s.version()));
        }
    }

    /** Waits until the pool has closed the connection. */
    void awaitClosedByPool() {
        waiting().until(() -> ended);
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
