package org.sharemint.pool;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Frame;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.FrameTimeoutException;
import org.sharemint.wire.Message;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SetupConnectionError;
import org.sharemint.wire.SetupConnectionSuccess;
import org.sharemint.wire.SubmitSharesExtended;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.WireException;
import org.sharemint.noise.NoiseException;
import org.sharemint.peer.TokenBucket;
import org.tinylog.Logger;

/**
 * One miner connection, run by its own virtual thread as plain sequential code: the channel
 * handshake (Noise or plaintext), SetupConnection, then a loop of blocking frame reads. Submits
 * are validated right here ({@link ShareValidator}); a valid share becomes a {@link PendingShare}
 * of its channel and goes to the pool's {@link ShareSink}. Nothing below calls back up into
 * this class: channels and share threads write to the {@link Outbound} they were given.
 *
 * <p>Threads: the reader thread (this one) owns the connection's life and is the only one
 * that tears it down ({@link #cleanup}). Anyone may {@link #abort} (which only closes the
 * socket, so the reader wakes up and cleans up).
 */
final class Connection implements Runnable, Downstream {
    private static final int PROTOCOL_MINING = 0;
    private static final int VERSION = 2;
    private static final int REQUIRES_WORK_SELECTION = 1 << 1;
    private static final Duration WRITER_GRACE = Duration.ofSeconds(2);
    private static final byte[] NO_EXTRANONCE = new byte[0];
    /**
     * Frames handled in a row before the reader yields its carrier: a peer whose frames are
     * always there never parks, and virtual threads are not preempted, so without this a few
     * busy peers would hold every carrier while an honest miner's reply waits.
     */
    static final int FRAMES_PER_TURN = 16;

    final int id;
    private final Socket socket;
    private final PoolContext ctx;
    private final ChannelRequests requests;
    private final CompletableFuture<Void> setupDone = new CompletableFuture<>();
    final Map<Integer, MiningChannel> channels = new ConcurrentHashMap<>();
    private final ShareIntake intake;
    private final java.util.concurrent.atomic.AtomicBoolean misbehaviourReported = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Outbound outbound;
    private volatile boolean ehash;
    private volatile String abortReason;
    /** Invalid submits and refused requests (reader thread only). */
    private final TokenBucket refusals;
    /** Set when a refusal found the budget spent: the reader closes the connection after that message. */
    private boolean refusalsSpent;

    Connection(Socket socket, PoolContext ctx) {
        this.id = ctx.nextConnectionId();
        this.socket = socket;
        this.ctx = ctx;
        this.requests = new ChannelRequests(this, ctx);
        this.intake = new ShareIntake(ctx);
        this.refusals = new TokenBucket(ctx.limits.maxInvalidPerSecond(), ctx.limits.invalidBurst(), ctx.nanoTime.getAsLong());
    }

    @Override
    public void run() {
        String reason = "closed";
        try {
            waitOutPenalty();
            Thread.ofVirtual().name("setup-watch-" + id).start(this::watchSetup);
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ctx.settings.setupTimeoutMs()));
            FrameChannel channel = ctx.opener.open(socket);
            socket.setSoTimeout(0);
            channel.frameDeadline(socket, ctx.limits.frameTimeoutMs());
            outbound = new Outbound(channel, ctx.settings.outboundLimitBytes(), this::abort, id);
            if (!setup(channel)) {
                reason = "setup refused";
                return;
            }
            setupDone.complete(null);
            for (int n = 1; ; n++) {
                dispatch(channel.read());
                if (refusalsSpent) {
                    throw new Misbehaviour(PeerReasons.INVALID_SUBMITS, "more invalid submits and refused requests than pool.max-invalid-shares-per-s ("
                            + ctx.limits.maxInvalidPerSecond() + "/s, burst " + ctx.limits.invalidBurst() + ")");
                }
                if (n % FRAMES_PER_TURN == 0) Thread.yield();
            }
        } catch (EOFException e) {
            reason = abortReason != null ? abortReason : "peer closed the connection";
        } catch (FrameTimeoutException e) {
            reason = e.getMessage();
            misbehaved(PeerReasons.FRAME_TIMEOUT, reason);
        } catch (WireException e) {
            reason = "bad frame: " + e.getMessage();
            misbehaved(PeerReasons.BAD_FRAME, reason);
        } catch (ProtocolViolation e) {
            reason = e.getMessage();
            misbehaved(PeerReasons.PROTOCOL_VIOLATION, reason);
        } catch (Misbehaviour e) {
            reason = e.getMessage();
            misbehaved(e.kind, reason);
        } catch (NoiseException e) {
            if (abortReason != null) {
                reason = abortReason;
            } else if (e.getCause() instanceof EOFException) {
                reason = "peer closed the connection: " + e.getMessage(); // a port probe or health check, not an attack
            } else {
                reason = (outbound == null ? "handshake: " : "bad frame: ") + e.getMessage();
                misbehaved(e instanceof NoiseGate.Refused ? PeerReasons.HANDSHAKES_FULL
                        : e.getCause() instanceof SocketTimeoutException ? PeerReasons.SETUP_TIMEOUT // a stalled handshake is a stalled set-up
                        : outbound == null ? PeerReasons.HANDSHAKE_FAILED : PeerReasons.BAD_FRAME, reason);
            }
        } catch (IOException e) {
            reason = abortReason != null ? abortReason : "socket: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "internal error: " + e;
            Logger.error(e, "connection {}: internal error", id);
        } finally {
            cleanup(reason);
        }
    }

    /** The peer broke the protocol in a way that has no error reply: the connection closes. */
    static final class ProtocolViolation extends IOException {
        ProtocolViolation(String message) {
            super(message);
        }
    }

    /** The peer went past one of its limits (a reason of {@link PeerReasons}): the connection closes. */
    static final class Misbehaviour extends IOException {
        final String kind;

        Misbehaviour(String kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    /**
     * One rate-limited log line and a count by reason (the caller closes the connection); the
     * peer's address waits pool.misbehaviour-delay-ms before its next connection is served,
     * unless the reason may be the pool's own doing or a slow honest peer's.
     */
    private void misbehaved(String kind, String detail) {
        // the set-up watchdog and the reader can both see one stall: the first to tell it counts
        if (!misbehaviourReported.compareAndSet(false, true)) return;
        ctx.peerLog.report(kind, socket.getRemoteSocketAddress(), "connection " + id + ": " + detail);
        if (!kind.equals(PeerReasons.SETUP_TIMEOUT) && !kind.equals(PeerReasons.HANDSHAKES_FULL)) ctx.penalties.penalize(socket.getInetAddress());
    }

    /** A connection from an address just closed for misbehaviour waits before anything of it is read (it costs a parked thread). */
    private void waitOutPenalty() throws IOException {
        ctx.waitOutPenalty(socket.getInetAddress());
        if (abortReason != null) throw new EOFException(abortReason);
    }

    /**
     * Sends an error reply the peer brought on itself (an invalid submit, a refused request) and
     * charges it to the connection's budget; a spent budget closes the connection after this message.
     */
    void sendRefusal(Message error) {
        send(error);
        chargeRefusal();
    }

    private void chargeRefusal() {
        if (!refusals.tryTake(ctx.nanoTime.getAsLong())) refusalsSpent = true;
    }

    private void watchSetup() {
        try {
            setupDone.get(ctx.settings.setupTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (!setupDone.isDone()) {
                String why = "setup not finished within " + ctx.settings.setupTimeoutMs() + " ms";
                misbehaved(PeerReasons.SETUP_TIMEOUT, why);
                abort(why);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("setupDone is never completed exceptionally", e);
        }
    }

    private boolean setup(FrameChannel channel) throws IOException {
        Message m = decode(channel.read());
        if (!(m instanceof SetupConnection s)) {
            throw new ProtocolViolation("expected SetupConnection, got " + m.getClass().getSimpleName());
        }
        String error = null;
        int flags = 0;
        if (s.protocol() != PROTOCOL_MINING) {
            error = ShareError.UNSUPPORTED_PROTOCOL;
        } else if (s.minVersion() > VERSION || s.maxVersion() < VERSION) {
            error = ShareError.PROTOCOL_VERSION_MISMATCH;
        } else if ((s.flags() & REQUIRES_WORK_SELECTION) != 0) {
            error = ShareError.UNSUPPORTED_FEATURE_FLAGS;
            flags = REQUIRES_WORK_SELECTION;
        }
        if (error != null) {
            misbehaved(PeerReasons.SETUP_REFUSED, "SetupConnection refused: " + error);
            send(new SetupConnectionError(flags, error));
            finishWriting();
            return false;
        }
        return send(new SetupConnectionSuccess(VERSION, 0));
    }

    private Message decode(Frame f) throws WireException {
        return Codec.decode(f);
    }

    private void dispatch(Frame f) throws IOException {
        if (!Codec.isKnown(f.extension(), f.msgType())) {
            // unknown extensions' messages are ignored (SV2 extension negotiation)
            Logger.debug("connection {}: ignoring unknown message ext 0x{} type 0x{}", id, Integer.toHexString(f.extension()),
                    Integer.toHexString(f.msgType()));
            return;
        }
        switch (decode(f)) {
            case SubmitSharesStandard s -> submit(s.channelId(), s.sequenceNumber(), s.jobId(), s.nonce(), s.ntime(), s.version(),
                    NO_EXTRANONCE);
            case SubmitSharesExtended s -> submit(s.channelId(), s.sequenceNumber(), s.jobId(), s.nonce(), s.ntime(), s.version(),
                    s.extranonce());
            case Message m -> {
                if (!requests.handle(m)) throw new ProtocolViolation("unexpected " + m.getClass().getSimpleName() + " from a miner");
            }
        }
    }

    /** One submit: validate here, answer an invalid one at once, hand a valid one to the sink. */
    private void submit(int channelId, int sequence, int jobId, int nonce, int ntime, int version, byte[] extranonce) {
        long now = ctx.nanoTime.getAsLong();
        MiningChannel channel = channels.get(channelId);
        if (channel == null) {
            ctx.metrics.figures.refused(null);
            reject(channelId, sequence, ShareError.INVALID_CHANNEL_ID, now);
            return;
        }
        ShareValidator.Result result = ctx.validator.check(channel, jobId, nonce, ntime, version, extranonce);
        if (result instanceof ShareValidator.Rejected r) {
            ctx.metrics.figures.refused(channel);
            reject(channelId, sequence, r.code(), now, !ShareCharges.forgiven(channel, jobId, r.code()));
            return;
        }
        String refused = intake.take("connection " + id, channel, sequence, jobId, nonce, ntime, version, extranonce,
                (ShareValidator.Accepted) result, ehash, now);
        if (refused != null) {
            ctx.metrics.figures.refused(channel);
            reject(channelId, sequence, refused, now);
        }
    }

    private void reject(int channelId, int sequence, String code, long receivedNanos) {
        reject(channelId, sequence, code, receivedNanos, true);
    }

    /** Answers a refused submit; {@code chargeable} false: never charged to the budget (see ShareCharges). */
    private void reject(int channelId, int sequence, String code, long receivedNanos, boolean chargeable) {
        ctx.metrics.sharesReceived.inc(code);
        ShareReply.error(outbound, ctx.metrics, channelId, sequence, code, receivedNanos, ctx.nanoTime.getAsLong());
        if (chargeable && !ShareCharges.poolsOwn(code)) chargeRefusal();
    }

    /** Queues a message for the writer; false when the connection is closing. */
    boolean send(Message m) {
        Outbound o = outbound;
        return o != null && o.send(m);
    }

    /** The outbound queue, once the channel handshake is done (channels are opened after it). */
    Outbound outbound() {
        return outbound;
    }

    boolean ehash() {
        return ehash;
    }

    void negotiatedEhash() {
        ehash = true;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Collection<MiningChannel> channels() {
        return channels.values();
    }

    /** The shares of this connection's open channels that wait for their quotes (for shutdown). */
    @Override
    public List<PendingShare> pendingShares() {
        List<PendingShare> all = new ArrayList<>();
        for (MiningChannel c : channels.values()) all.addAll(c.pendingShares());
        return all;
    }

    /** Closes the socket; the reader thread wakes up and cleans up. Safe from any thread. */
    void abort(String reason) {
        if (abortReason == null) abortReason = reason;
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("connection {}: closing socket: {}", id, e.getMessage());
        }
    }

    /** Shutdown: write what is queued (bounded wait), then close. */
    @Override
    public void closeGracefully(String reason) {
        finishWriting();
        abort(reason);
    }

    private void finishWriting() {
        Outbound o = outbound;
        if (o == null) return;
        o.finish();
        try {
            if (!o.awaitWriter(WRITER_GRACE)) Logger.debug("connection {}: writer still busy after {}", id, WRITER_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs once, on the reader thread: nothing of this connection survives it but settling threads. */
    private void cleanup(String reason) {
        setupDone.complete(null);
        ctx.connections.remove(this);
        Outbound o = outbound;
        if (o != null) o.finish();
        closeSocket();
        if (o != null) {
            try {
                if (!o.awaitWriter(WRITER_GRACE)) Logger.warn("connection {}: writer did not end", id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int orphaned = 0;
        for (MiningChannel c : channels.values()) orphaned += c.close();
        ctx.metrics.channelsOpen.addAndGet(-channels.size());
        channels.clear();
        ctx.metrics.connectionsOpen.decrementAndGet();
        boolean overflowed = o != null && o.overflowed();
        if (overflowed) {
            ctx.metrics.outboundOverflows.inc();
            misbehaved(PeerReasons.NOT_READING, reason + " (" + orphaned + " pending shares settled)");
        } else if (orphaned > 0) {
            Logger.info("connection {} closed: {} ({} pending shares settled)", id, reason, orphaned);
        } else {
            Logger.debug("connection {} closed: {}", id, reason);
        }
    }
}
