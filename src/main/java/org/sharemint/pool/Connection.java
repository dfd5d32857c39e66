package org.sharemint.pool;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
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
import org.sharemint.wire.Message;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SetupConnectionError;
import org.sharemint.wire.SetupConnectionSuccess;
import org.sharemint.wire.SubmitSharesExtended;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.WireException;
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

    final int id;
    private final Socket socket;
    private final PoolContext ctx;
    private final ChannelRequests requests;
    private final CompletableFuture<Void> setupDone = new CompletableFuture<>();
    final Map<Integer, MiningChannel> channels = new ConcurrentHashMap<>();
    private final long mintTimeoutNanos;
    private volatile Outbound outbound;
    private volatile boolean ehash;
    private volatile String abortReason;

    Connection(Socket socket, PoolContext ctx) {
        this.id = ctx.nextConnectionId();
        this.socket = socket;
        this.ctx = ctx;
        this.requests = new ChannelRequests(this, ctx);
        this.mintTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(ctx.settings.mintTimeoutMs());
    }

    @Override
    public void run() {
        String reason = "closed";
        Thread.ofVirtual().name("setup-watch-" + id).start(this::watchSetup);
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ctx.settings.setupTimeoutMs()));
            FrameChannel channel = ctx.opener.open(socket);
            socket.setSoTimeout(0);
            outbound = new Outbound(channel, ctx.settings.outboundLimitBytes(), this::abort, id);
            if (!setup(channel)) {
                reason = "setup refused";
                return;
            }
            setupDone.complete(null);
            while (true) dispatch(channel.read());
        } catch (EOFException e) {
            reason = abortReason != null ? abortReason : "peer closed the connection";
        } catch (WireException e) {
            reason = "bad frame: " + e.getMessage();
            Logger.info("connection {} from {}: {}", id, socket.getRemoteSocketAddress(), reason);
        } catch (ProtocolViolation e) {
            reason = e.getMessage();
            Logger.info("connection {} from {}: {}", id, socket.getRemoteSocketAddress(), reason);
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

    private void watchSetup() {
        try {
            setupDone.get(ctx.settings.setupTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort("setup not finished within " + ctx.settings.setupTimeoutMs() + " ms");
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
            Logger.info("connection {} from {}: SetupConnection refused: {}", id, socket.getRemoteSocketAddress(), error);
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
            reject(channelId, sequence, ShareError.INVALID_CHANNEL_ID, now);
            return;
        }
        ShareValidator.Result result = ctx.validator.check(channel, jobId, nonce, ntime, version, extranonce);
        if (result instanceof ShareValidator.Rejected r) {
            reject(channelId, sequence, r.code(), now);
            return;
        }
        ShareValidator.Accepted a = (ShareValidator.Accepted) result;
        if (a.block()) {
            ctx.metrics.blocksFound.inc();
            if (ctx.firstBlockOf(a.template().epoch())) {
                Logger.info("block found at height {}: channel {} on connection {}, job {}, {} leading zero bits", a.template().height(),
                        channelId, id, jobId, a.leadingZeros());
            } else {
                Logger.debug("another block share at height {}: channel {}, job {}", a.template().height(), channelId, jobId);
            }
        }
        channel.countShare(now);
        // the mint honours a deadline through the whole millisecond it names: one ms early, so the
        // mint stops taking the share no later than this share's thread answers mint-timeout
        PendingShare share = new PendingShare(channel, sequence, a.hash(), a.amount(), channel.lockingKey(), a.difficulty(), ehash, now,
                now + mintTimeoutNanos, ctx.clock.millis() + ctx.settings.mintTimeoutMs() - 1);
        switch (ctx.sink().accept(share)) {
            case ShareSink.Handoff.Taken _ -> ctx.metrics.sharesReceived.inc("accepted");
            case ShareSink.Handoff.Refused r -> reject(channelId, sequence, r.code(), now);
        }
    }

    private void reject(int channelId, int sequence, String code, long receivedNanos) {
        ctx.metrics.sharesReceived.inc(code);
        ShareReply.error(outbound, ctx.metrics, channelId, sequence, code, receivedNanos, ctx.nanoTime.getAsLong());
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
        if (overflowed) ctx.metrics.outboundOverflows.inc();
        if (orphaned > 0 || overflowed) {
            Logger.info("connection {} closed: {} ({} pending shares settled)", id, reason, orphaned);
        } else {
            Logger.debug("connection {} closed: {}", id, reason);
        }
    }
}
