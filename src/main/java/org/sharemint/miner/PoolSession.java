package org.sharemint.miner;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.sharemint.noise.NoiseChannels;
import org.sharemint.wire.*;
import org.tinylog.Logger;

/**
 * One connection to the pool, as plain sequential code on the caller's thread: connect, Noise
 * handshake, SetupConnection, RequestExtensions([ehash]), open one channel, then read frames
 * until the connection ends. Jobs become {@link Work} for the {@link HashEngine}; ShareQuotes go
 * to the {@link QuoteSink}; shares found by the hashing threads are submitted through
 * {@link #submit}.
 *
 * <p>Threads: the caller of {@link #run} reads; hashing threads call {@link #submit}, and the
 * frame channel serializes their writes. {@link #close} may be called from any thread and ends
 * {@link #run} by closing the socket.
 */
final class PoolSession implements Closeable {
    static final int PROTOCOL_MINING = 0;
    static final int VERSION = 2;
    /** Sent as the firmware string in SetupConnection. */
    static final String FIRMWARE = "0.1.0";
    /** SetupConnection flag: this downstream wants standard jobs only (no group or extended jobs). */
    static final int REQUIRES_STANDARD_JOBS = 1;
    static final int MAX_FRAME_BYTES = 1 << 20;
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int SETUP_TIMEOUT_MS = 10_000;
    /** The pool sends a job at least every jobs.refresh-ms; this much silence means it is gone. */
    static final int IDLE_TIMEOUT_MS = 300_000;
    /** The extranonce bytes an extended channel asks to roll (the pool may grant more). */
    static final int MIN_EXTRANONCE_SIZE = 4;

    /** Where the ShareQuotes of this connection go (the wallet), called on the reader thread. */
    @FunctionalInterface
    interface QuoteSink {
        void onQuote(ShareQuote quote);
    }

    /** The pool refused this miner (setup, extension or channel): retrying soon will not help. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final MinerOptions options;
    private final String userIdentity;
    private final float nominalHashRate;
    private final HashEngine engine;
    private final QuoteSink quotes;
    private final MinerStats stats;
    private final Clock clock;
    private final AtomicLong workIds;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Socket socket = new Socket();
    private volatile FrameChannel channel;
    private volatile int channelId = -1;
    private volatile boolean ready;

    PoolSession(MinerOptions options, String userIdentity, float nominalHashRate, HashEngine engine, QuoteSink quotes,
                MinerStats stats, Clock clock, AtomicLong workIds) {
        this.options = options;
        this.userIdentity = userIdentity;
        this.nominalHashRate = nominalHashRate;
        this.engine = engine;
        this.quotes = quotes;
        this.stats = stats;
        this.clock = clock;
        this.workIds = workIds;
    }

    /** Whether the channel opened (the session got as far as mining). */
    boolean wasReady() {
        return ready;
    }

    /**
     * Runs the connection to its end. Returns normally when the pool closed it (or asked us to
     * reconnect); throws when it failed, {@link RefusedException} when the pool said no.
     */
    void run() throws IOException {
        String where = options.poolHost() + ":" + options.poolPort();
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        socket.connect(new InetSocketAddress(options.poolHost(), options.poolPort()), CONNECT_TIMEOUT_MS);
        socket.setSoTimeout(SETUP_TIMEOUT_MS);
        FrameChannel ch = options.plaintext()
                ? new PlainFrameChannel(socket.getInputStream(), socket.getOutputStream(), MAX_FRAME_BYTES)
                : NoiseChannels.initiator(socket, options.authorityKey(), clock, MAX_FRAME_BYTES);
        channel = ch;
        try {
            setUp(ch);
            JobTracker tracker = openChannel(ch);
            ready = true;
            stats.connects.increment();
            Logger.info("mining on {} channel {} at {} ({}, target difficulty {})", options.extended() ? "extended" : "standard",
                    channelId, where, options.plaintext() ? "plaintext" : "Noise", Difficulty.ofTarget(tracker.target()));
            socket.setSoTimeout(IDLE_TIMEOUT_MS);
            readLoop(ch, tracker);
        } catch (SocketTimeoutException e) {
            throw new IOException(ready ? "no frame from the pool for " + IDLE_TIMEOUT_MS / 1000 + " s" : "the pool did not answer the setup in time", e);
        } finally {
            engine.setWork(null);
        }
    }

    private void setUp(FrameChannel ch) throws IOException {
        int flags = options.extended() ? 0 : REQUIRES_STANDARD_JOBS;
        send(ch, new SetupConnection(PROTOCOL_MINING, VERSION, VERSION, flags, options.poolHost(), options.poolPort(),
                "sharemint", "cpu", FIRMWARE, "sharemint-miner"));
        switch (next(ch)) {
            case SetupConnectionSuccess s -> Logger.debug("setup accepted: version {}, flags {}", s.usedVersion(), s.flags());
            case SetupConnectionError e -> throw new RefusedException("the pool refused SetupConnection: " + e.errorCode());
            case Message m -> throw new IOException("expected SetupConnection.Success, got " + m.getClass().getSimpleName());
        }
        send(ch, new RequestExtensions(1, new int[] {Extensions.EHASH}));
        switch (next(ch)) {
            case RequestExtensionsSuccess s when contains(s.supportedExtensions(), Extensions.EHASH) -> { }
            case RequestExtensionsSuccess s -> throw new RefusedException("the pool does not offer the ehash extension (0x4E55): no quotes to redeem");
            case RequestExtensionsError e -> throw new RefusedException("the pool refused the ehash extension (0x4E55): no quotes to redeem");
            case Message m -> throw new IOException("expected RequestExtensions.Success, got " + m.getClass().getSimpleName());
        }
    }

    private JobTracker openChannel(FrameChannel ch) throws IOException {
        byte[] maxTarget = new byte[32];
        java.util.Arrays.fill(maxTarget, (byte) 0xFF);
        if (options.extended()) {
            send(ch, new OpenExtendedMiningChannel(1, userIdentity, nominalHashRate, maxTarget, MIN_EXTRANONCE_SIZE));
        } else {
            send(ch, new OpenStandardMiningChannel(1, userIdentity, nominalHashRate, maxTarget));
        }
        // the pool may send the channel's first jobs right behind the success: keep them
        java.util.List<Message> early = new java.util.ArrayList<>();
        JobTracker tracker;
        while (true) {
            Message m = next(ch);
            if (m instanceof OpenStandardMiningChannelSuccess s && !options.extended()) {
                channelId = s.channelId();
                tracker = new JobTracker(s.channelId(), false, s.target(), s.extranoncePrefix(), 0, clock, workIds);
                break;
            } else if (m instanceof OpenExtendedMiningChannelSuccess s && options.extended()) {
                channelId = s.channelId();
                tracker = new JobTracker(s.channelId(), true, s.target(), s.extranoncePrefix(), s.extranonceSize(), clock, workIds);
                break;
            } else if (m instanceof OpenMiningChannelError e) {
                throw new RefusedException("the pool refused the channel: " + e.errorCode());
            } else if (early.size() < 64) {
                early.add(m);
            } else {
                throw new IOException("no answer to the channel open among 64 frames");
            }
        }
        for (Message m : early) handle(m, tracker);
        return tracker;
    }

    private void readLoop(FrameChannel ch, JobTracker tracker) throws IOException {
        while (true) {
            Message m;
            try {
                m = next(ch);
            } catch (EOFException e) {
                Logger.info("the pool closed the connection");
                return;
            }
            if (!handle(m, tracker)) return;
        }
    }

    /** Acts on one message; false when the session should end (CloseChannel, Reconnect). */
    private boolean handle(Message m, JobTracker tracker) throws IOException {
        switch (m) {
            case NewMiningJob j when j.channelId() == channelId -> publish(tracker.onJob(j));
            case NewExtendedMiningJob j when j.channelId() == channelId -> publish(tracker.onJob(j));
            case SetNewPrevHash p when p.channelId() == channelId -> publish(tracker.onPrevHash(p));
            case SetTarget t when t.channelId() == channelId -> {
                publish(tracker.onTarget(t.maximumTarget()));
                Logger.debug("new target, difficulty {}", Difficulty.ofTarget(t.maximumTarget()));
            }
            case SetExtranoncePrefix p when p.channelId() == channelId -> publish(tracker.onExtranoncePrefix(p.extranoncePrefix()));
            case SubmitSharesSuccess s -> stats.accepted.add(Integer.toUnsignedLong(s.newSubmitsAcceptedCount()));
            case SubmitSharesError e -> {
                stats.rejected(e.errorCode());
                Logger.debug("share {} rejected: {}", Integer.toUnsignedString(e.sequenceNumber()), e.errorCode());
            }
            case ShareQuote q when q.channelId() == channelId -> quotes.onQuote(q);
            case SetLockingKeyError e -> Logger.warn("the pool refused a locking key: {}", e.errorCode());
            case UpdateChannelError e -> Logger.warn("the pool refused UpdateChannel: {}", e.errorCode());
            case CloseChannel c -> {
                Logger.warn("the pool closed channel {}: {}", Integer.toUnsignedString(c.channelId()), c.reasonCode());
                return false;
            }
            case Reconnect r -> {
                Logger.info("the pool asks to reconnect (to {}:{}); reconnecting to {}:{}", r.newHost(), r.newPort(), options.poolHost(), options.poolPort());
                return false;
            }
            default -> Logger.debug("ignored {}", m.getClass().getSimpleName());
        }
        return true;
    }

    private void publish(Work w) {
        if (w != null) engine.setWork(w);
    }

    /** Called by a hashing thread for a header that met its target. */
    void submit(HashEngine.Share s) {
        Work current = engine.work();
        FrameChannel ch = channel;
        if (!ready || ch == null || current == null || current.jobId() != s.work().jobId() || s.work().channelId() != channelId) {
            stats.droppedStale.increment(); // found just as the job changed: the pool would call it stale
            return;
        }
        int seq = sequence.getAndIncrement();
        Message m = s.extranonce() == null
                ? new SubmitSharesStandard(channelId, seq, s.work().jobId(), s.nonce(), s.ntime(), s.version())
                : new SubmitSharesExtended(channelId, seq, s.work().jobId(), s.nonce(), s.ntime(), s.version(), s.extranonce());
        try {
            ch.write(Codec.encode(m));
            ch.flush();
            stats.submitted.increment();
        } catch (IOException e) {
            Logger.debug("share not sent: {}", e.getMessage()); // the reader sees the broken connection and ends the session
        }
    }

    private static void send(FrameChannel ch, Message m) throws IOException {
        ch.write(Codec.encode(m));
        ch.flush();
    }

    /** The next message this miner understands; frames of unknown extensions are skipped, garbage ends the session. */
    private static Message next(FrameChannel ch) throws IOException {
        while (true) {
            Frame f = ch.read();
            if (!Codec.isKnown(f.extension(), f.msgType())) {
                Logger.debug("skipped a frame of unknown type: extension 0x{}, type 0x{}", HexFormat.of().toHexDigits((short) f.extension()),
                        HexFormat.of().toHexDigits((byte) f.msgType()));
                continue;
            }
            return Codec.decode(f);
        }
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) if (x == v) return true;
        return false;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("closing the pool socket: {}", e.getMessage());
        }
    }
}
