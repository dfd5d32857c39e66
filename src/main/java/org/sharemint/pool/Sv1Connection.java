package org.sharemint.pool;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.sharemint.bitcoin.Targets;
import org.sharemint.peer.TokenBucket;
import org.sharemint.sv1.Authorize;
import org.sharemint.sv1.Configure;
import org.sharemint.sv1.LineReader;
import org.sharemint.sv1.SetExtranonce;
import org.sharemint.sv1.Submit;
import org.sharemint.sv1.Subscribe;
import org.sharemint.sv1.SuggestDifficulty;
import org.sharemint.sv1.Sv1Exception;
import org.sharemint.sv1.Sv1Request;
import org.sharemint.sv1.Sv1Response;
import org.tinylog.Logger;

/**
 * One Stratum V1 miner, run by its own virtual thread: a loop of blocking line reads. The miner
 * gets one extended channel (opened at its first mining.authorize) like any SV2 channel: the
 * same jobs, validation, vardiff, pending shares and mint worker. What the channel says goes
 * through {@link Sv1Translator}; a submit is answered when its share's quote is durable, by
 * the share's own thread, exactly as for SV2.
 *
 * <p>The miner rolls {@link #EXTRANONCE2_BYTES} of the channel's extended extranonce; extranonce1 is the
 * channel's unique prefix. Every username authorized on the connection (a proxy or a farm sends
 * several) keeps its own locking key: the username's first part (66 hex digits), else
 * ehash.default-locking-key; a submit is paid to the key of the username it names.
 *
 * <p>extranonce1 changes only for a miner that sent mining.extranonce.subscribe, and only when
 * the pool must give it a fresh share space: its channel's share set for the block is full
 * (MiningChannel#MAX_SEEN, a big farm behind one proxy connection). The connection then moves to
 * a new channel (new extranonce1, same target and workers) and sends mining.set_extranonce and a
 * clean job; the old channel stays until its shares are answered. A miner that did not subscribe
 * is refused too-many-shares until the next block, as an SV2 channel is.
 *
 * <p>Threads: the reader (this one) owns the connection's life and alone tears it down.
 */
final class Sv1Connection implements Runnable, Downstream {
    static final int EXTRANONCE2_BYTES = 8;
    static final int EXTRANONCE_PAD_BYTES = Extranonce.EXTENDED_BYTES - EXTRANONCE2_BYTES;
    /** Requests allowed before the miner is authorized: a handshake needs four or five. */
    static final int MAX_REQUESTS_BEFORE_AUTHORIZE = 32;
    /** Distinct usernames authorized on one connection (a proxy's or a farm's workers). */
    static final int MAX_WORKERS = 64;
    /** Channels a connection moved away from and whose shares still wait for their quotes. */
    static final int MAX_RETIRED_CHANNELS = 4;
    private static final Duration WRITER_GRACE = Duration.ofSeconds(2);
    private static final String USERNAME_HELP =
            "use <66-hex compressed secp256k1 public key>[.worker] as the username: your ecash is locked to that key";

    final int id;
    private final Socket socket;
    private final PoolContext ctx;
    private final ShareIntake intake;
    /** Authorized usernames and the locking key each is paid to (reader thread only). */
    private final Map<String, Worker> workers = new HashMap<>();

    /** One authorized username: the key its shares are paid to, its worker name and figures (see ShareFigures). */
    private static final class Worker {
        final byte[] key;
        final String name;
        org.sharemint.monitor.WorkerStats stats;

        Worker(byte[] key, String name) {
            this.key = key;
            this.name = name;
        }
    }
    private Sv1Outbound out;
    private Sv1Translator tx;
    private int channelId = -1;
    private byte[] extranonce1;
    private double suggestedDifficulty;
    private int requests;
    /** Invalid submits and error answers (reader thread only): SV2's budget, pool.max-invalid-shares-per-s and burst. */
    private final TokenBucket refusals;
    /** Set when a refusal found the budget spent: the reader closes the connection after that answer. */
    private boolean refusalsSpent;
    private int sequence;
    private volatile MiningChannel channel;
    /** Earlier channels of this connection (see the class comment); read by other threads for their pending shares. */
    private final List<MiningChannel> retired = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean extranonceSubscribed;
    private volatile String abortReason;

    Sv1Connection(Socket socket, PoolContext ctx) {
        this.id = ctx.nextConnectionId();
        this.socket = socket;
        this.ctx = ctx;
        this.intake = new ShareIntake(ctx);
        this.refusals = new TokenBucket(ctx.limits.maxInvalidPerSecond(), ctx.limits.invalidBurst(), ctx.nanoTime.getAsLong());
    }

    @Override
    public void run() {
        String reason = "closed";
        try {
            waitOutPenalty();
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ctx.settings.setupTimeoutMs()));
            // buffered: the writer writes a burst of lines and flushes once, one send for the burst
            out = new Sv1Outbound(new java.io.BufferedOutputStream(socket.getOutputStream(), 8192), ctx.settings.outboundLimitBytes(),
                    this::abort, id);
            tx = new Sv1Translator(out);
            LineReader lines = new LineReader(socket.getInputStream(), LineReader.MAX_LINE_BYTES);
            while (true) {
                int n = lines.read();
                handle(lines.buffer(), n);
                if (refusalsSpent) {
                    throw new Connection.Misbehaviour(PeerReasons.INVALID_SUBMITS, "more invalid submits and bad requests than "
                            + "pool.max-invalid-shares-per-s (" + ctx.limits.maxInvalidPerSecond() + "/s, burst " + ctx.limits.invalidBurst() + ")");
                }
            }
        } catch (SocketTimeoutException e) {
            reason = "not authorized within pool.setup-timeout-ms (" + ctx.settings.setupTimeoutMs() + " ms)";
            misbehaved(PeerReasons.SETUP_TIMEOUT, reason);
        } catch (EOFException e) {
            reason = abortReason != null ? abortReason : "peer closed the connection";
        } catch (LineReader.LineTooLong | Connection.ProtocolViolation e) {
            reason = e.getMessage();
            misbehaved(PeerReasons.PROTOCOL_VIOLATION, reason);
        } catch (Connection.Misbehaviour e) {
            reason = e.getMessage();
            misbehaved(e.kind, reason);
        } catch (IOException e) {
            reason = abortReason != null ? abortReason : "socket: " + e.getMessage();
        } catch (RuntimeException e) {
            reason = "internal error: " + e;
            Logger.error(e, "sv1 connection {}: internal error", id);
        } finally {
            cleanup(reason);
        }
    }

    /**
     * One rate-limited log line and a count by reason, as for SV2 (the caller closes the
     * connection); the address then waits pool.misbehaviour-delay-ms before its next connection
     * is served, unless the reason may be a slow honest peer's.
     */
    private void misbehaved(String kind, String detail) {
        ctx.peerLog.report(kind, socket.getRemoteSocketAddress(), "sv1 connection " + id + ": " + detail);
        if (!kind.equals(PeerReasons.SETUP_TIMEOUT)) ctx.penalties.penalize(socket.getInetAddress());
    }

    /** A connection from an address just closed for misbehaviour waits before anything of it is read. */
    private void waitOutPenalty() throws IOException {
        ctx.waitOutPenalty(socket.getInetAddress());
        if (abortReason != null) throw new EOFException(abortReason);
    }

    private void chargeRefusal() {
        if (!refusals.tryTake(ctx.nanoTime.getAsLong())) refusalsSpent = true;
    }

    private void handle(byte[] line, int length) throws IOException {
        Sv1Request r;
        try {
            r = Sv1Request.decode(line, length);
        } catch (Sv1Request.BadRequest e) {
            error(e.id(), e.code(), e.getMessage());
            return;
        } catch (Sv1Exception e) {
            // no id to answer to
            throw new Connection.ProtocolViolation("bad line: " + e.getMessage());
        }
        if (channel == null && ++requests > MAX_REQUESTS_BEFORE_AUTHORIZE) {
            throw new Connection.ProtocolViolation("more than " + MAX_REQUESTS_BEFORE_AUTHORIZE + " requests before authorizing");
        }
        try {
            switch (r.method()) {
                case Subscribe.METHOD -> subscribe(r.id(), Subscribe.decode(r.params()));
                case Authorize.METHOD -> authorize(r.id(), Authorize.decode(r.params()));
                case Submit.METHOD -> submit(r.id(), Submit.decode(r.params()));
                case Configure.METHOD -> configure(r.id(), Configure.decode(r.params()));
                case SuggestDifficulty.METHOD -> {
                    suggestedDifficulty = SuggestDifficulty.decode(r.params()).difficulty();
                    reply(Sv1Response.ok(r.id(), true));
                }
                case SetExtranonce.SUBSCRIBE_METHOD -> {
                    extranonceSubscribed = true;
                    reply(Sv1Response.ok(r.id(), true));
                }
                default -> error(r.id(), 20, "unknown method " + abbreviate(r.method()));
            }
        } catch (Sv1Exception e) {
            error(r.id(), e.code(), e.getMessage());
        }
    }

    private void subscribe(JsonNode requestId, Subscribe s) {
        if (channelId < 0) {
            channelId = ctx.nextChannelId();
            extranonce1 = Extranonce.unique(ctx.extranonceSalt, channelId);
        }
        String hex = HexFormat.of().formatHex(extranonce1);
        reply(Sv1Response.ok(requestId, Subscribe.result(hex, hex, EXTRANONCE2_BYTES)));
    }

    private void configure(JsonNode requestId, Configure c) {
        Integer granted = null;
        if (c.extensions().contains(Configure.VERSION_ROLLING)) {
            Template current = ctx.jobs.current();
            granted = tx.configureRolling(c.versionMask(), c.minBitCount(), current == null ? 0 : current.version());
        }
        if (c.extensions().contains(Configure.SUBSCRIBE_EXTRANONCE)) extranonceSubscribed = true;
        reply(Sv1Response.ok(requestId, c.result(granted)));
    }

    private void authorize(JsonNode requestId, Authorize a) throws Sv1Exception {
        if (channelId < 0) throw new Sv1Exception(25, "not subscribed: send mining.subscribe first");
        byte[] key = switch (LockingKeys.fromIdentity(a.username())) {
            case LockingKeys.Invalid i -> throw new Sv1Exception(24, "invalid-locking-key: the username's key is not a point on secp256k1; "
                    + USERNAME_HELP);
            case LockingKeys.Key k -> k.key();
            case LockingKeys.None n -> ctx.settings.defaultLockingKey();
        };
        if (key == null && ctx.settings.requireLockingKey()) throw new Sv1Exception(24, "missing-locking-key: " + USERNAME_HELP);
        if (!workers.containsKey(a.username()) && workers.size() >= MAX_WORKERS) {
            throw new Sv1Exception(24, "too-many-workers: at most " + MAX_WORKERS + " usernames are authorized on one connection; "
                    + "open another connection for more");
        }
        Worker w = new Worker(key, ShareFigures.workerName(a.username(), LockingKeys.fromIdentity(a.username()) instanceof LockingKeys.Key));
        if (channel != null) {
            workers.put(a.username(), w);
            reply(Sv1Response.ok(requestId, true));
            return;
        }
        Template current = ctx.jobs.current();
        if (current == null) throw new Sv1Exception(20, "no-job-template: the pool has no job from its node yet, try again soon");
        workers.put(a.username(), w);
        PoolSettings s = ctx.settings;
        long now = ctx.nanoTime.getAsLong();
        java.math.BigInteger target = suggestedDifficulty > 0 ? Targets.forDifficulty(suggestedDifficulty).min(s.targetCeiling())
                : s.targetCeiling();
        byte[] prefix = extranonce1;
        MiningChannel c = new MiningChannel(channelId, true, prefix, Extranonce.EXTENDED_BYTES, key, s.targetCeiling(), Targets.MAX,
                target, new Vardiff(s.sharesPerMinute(), Vardiff.DEFAULT_WINDOW_NANOS, now), tx,
                new SuccessBatch(channelId, tx, 1, 0, ctx.metrics));
        try {
            socket.setSoTimeout(0); // an authorized miner may be quiet for long between shares
        } catch (java.net.SocketException e) {
            abort("socket: " + e.getMessage());
        }
        reply(Sv1Response.ok(requestId, true));
        out.send(new org.sharemint.sv1.SetDifficulty(Sv1Translator.difficulty(c.targetBytes())).encode());
        // visible to the broadcaster first, then the current job (see ChannelRequests.open)
        c.workerName = w.name;
        channel = c;
        ctx.metrics.channelsOpen.incrementAndGet();
        c.sendTemplate(current);
        Logger.debug("sv1 connection {}: authorized {} on channel {}", id, abbreviate(a.username()), channelId);
    }

    /** One submit: checks that need the SV1 form here, then the shared validator and share sink. */
    private void submit(JsonNode requestId, Submit s) throws Sv1Exception {
        MiningChannel c = channel;
        if (channelId < 0) throw new Sv1Exception(25, "not subscribed");
        Worker w = workers.get(s.worker());
        if (c == null || w == null) throw new Sv1Exception(24, "unauthorized worker");
        w.stats = ctx.metrics.figures.worker(w.key, w.name, w.stats);
        org.sharemint.monitor.WorkerStats ws = w.stats;
        long now = ctx.nanoTime.getAsLong();
        int seq = sequence++;
        if (!tx.expect(seq, requestId)) throw new Sv1Exception(20, "too many submits waiting for their answer");
        int jobId;
        try {
            if (s.jobId().isEmpty() || s.jobId().length() > 8) throw new NumberFormatException();
            jobId = Integer.parseUnsignedInt(s.jobId(), 16);
        } catch (NumberFormatException e) {
            reject(c, ws, seq, ShareError.INVALID_JOB_ID, now);
            return;
        }
        if (s.extranonce2().length != EXTRANONCE2_BYTES) {
            reject(c, ws, seq, ShareError.BAD_EXTRANONCE_SIZE, now);
            return;
        }
        int version = c.job(jobId) instanceof ChannelJob j ? j.template.version() : 0;
        if (s.versionBits() != null) {
            int versionMask = tx.versionMask();
            int bits = s.versionBits();
            if ((bits & ~versionMask) != 0) {
                reject(c, ws, seq, versionMask == 0 ? ShareError.VERSION_ROLLING_NOT_ALLOWED : ShareError.INVALID_NON_ROLLABLE_VERSION_BIT, now);
                return;
            }
            version = (version & ~versionMask) | bits;
        }
        byte[] extranonce = new byte[Extranonce.EXTENDED_BYTES];
        System.arraycopy(s.extranonce2(), 0, extranonce, 0, EXTRANONCE2_BYTES);
        ShareValidator.Result result = ctx.validator.check(c, jobId, s.nonce(), s.ntime(), version, extranonce);
        if (result instanceof ShareValidator.Rejected r) {
            reject(c, ws, seq, r.code(), now, !ShareCharges.forgiven(c, jobId, r.code()));
            if (r.code().equals(ShareError.TOO_MANY_SHARES) && extranonceSubscribed) newExtranonce(c, now);
            return;
        }
        String refused = intake.take("sv1 connection " + id, c, w.key, ws, seq, jobId, s.nonce(), s.ntime(), version, extranonce,
                (ShareValidator.Accepted) result, false, now);
        if (refused != null) reject(c, ws, seq, refused, now);
    }

    /**
     * Moves the connection from {@code old} to a new channel with a new extranonce1 and tells the
     * miner (mining.set_extranonce, then a clean job). Not when {@link #MAX_RETIRED_CHANNELS}
     * earlier channels still wait for quotes: then the miner is refused until the next block.
     */
    private void newExtranonce(MiningChannel old, long now) {
        Template current = ctx.jobs.current();
        if (current == null || channel != old) return;
        for (MiningChannel r : retired) {
            if (r.pendingShares().isEmpty()) {
                r.close();
                retired.remove(r);
                ctx.metrics.channelsOpen.decrementAndGet();
            }
        }
        if (retired.size() >= MAX_RETIRED_CHANNELS) return;
        PoolSettings s = ctx.settings;
        channelId = ctx.nextChannelId();
        extranonce1 = Extranonce.unique(ctx.extranonceSalt, channelId);
        MiningChannel c = new MiningChannel(channelId, true, extranonce1, Extranonce.EXTENDED_BYTES, old.lockingKey(), s.targetCeiling(),
                Targets.MAX, Targets.toBig(old.targetBytes()), new Vardiff(s.sharesPerMinute(), Vardiff.DEFAULT_WINDOW_NANOS, now), tx,
                new SuccessBatch(channelId, tx, 1, 0, ctx.metrics));
        c.workerName = old.workerName;
        retired.add(old);
        out.send(new SetExtranonce(extranonce1, EXTRANONCE2_BYTES).encode());
        channel = c;
        ctx.metrics.channelsOpen.incrementAndGet();
        c.sendTemplate(current);
        Logger.info("sv1 connection {}: channel {} is full for this block, moved to channel {} with a new extranonce1", id, old.id, c.id);
    }

    private void reject(MiningChannel c, org.sharemint.monitor.WorkerStats worker, int seq, String code, long receivedNanos) {
        reject(c, worker, seq, code, receivedNanos, true);
    }

    /** Answers a refused submit; {@code chargeable} false: never charged to the budget (see ShareCharges). */
    private void reject(MiningChannel c, org.sharemint.monitor.WorkerStats worker, int seq, String code, long receivedNanos,
            boolean chargeable) {
        ctx.metrics.figures.refusedFor(worker);
        if (PoolMetrics.RESULTS.contains(code)) ctx.metrics.sharesReceived.inc(code);
        ShareReply.error(tx, ctx.metrics, c.id, seq, code, receivedNanos, ctx.nanoTime.getAsLong());
        if (chargeable && !ShareCharges.poolsOwn(code)) chargeRefusal();
    }

    private void reply(Sv1Response r) {
        out.send(r.encode());
    }

    /** An error answer the peer brought on itself (a bad request, a refused submit): charged to the budget. */
    private void error(JsonNode requestId, int code, String message) {
        reply(Sv1Response.error(requestId, code, message));
        chargeRefusal();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public Collection<MiningChannel> channels() {
        MiningChannel c = channel;
        return c == null ? List.of() : List.of(c);
    }

    @Override
    public List<PendingShare> pendingShares() {
        MiningChannel c = channel;
        if (retired.isEmpty()) return c == null ? List.of() : c.pendingShares();
        List<PendingShare> all = new java.util.ArrayList<>();
        for (MiningChannel r : retired) all.addAll(r.pendingShares());
        if (c != null) all.addAll(c.pendingShares());
        return all;
    }

    /** Closes the socket; the reader wakes up and cleans up. Safe from any thread. */
    void abort(String reason) {
        if (abortReason == null) abortReason = reason;
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("sv1 connection {}: closing socket: {}", id, e.getMessage());
        }
    }

    @Override
    public void closeGracefully(String reason) {
        Sv1Outbound o = out;
        if (o != null) {
            o.finish();
            try {
                o.awaitWriter(WRITER_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        abort(reason);
    }

    private void cleanup(String reason) {
        ctx.sv1Connections.remove(this);
        Sv1Outbound o = out;
        if (o != null) o.finish();
        abort(reason);
        if (o != null) {
            try {
                if (!o.awaitWriter(WRITER_GRACE)) Logger.warn("sv1 connection {}: writer did not end", id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        MiningChannel c = channel;
        int orphaned = 0;
        if (c != null) {
            orphaned = c.close();
            ctx.metrics.channelsOpen.decrementAndGet();
        }
        for (MiningChannel r : retired) {
            orphaned += r.close();
            ctx.metrics.channelsOpen.decrementAndGet();
        }
        ctx.metrics.connectionsOpen.decrementAndGet();
        boolean overflowed = o != null && o.overflowed();
        if (overflowed) ctx.metrics.outboundOverflows.inc();
        if (orphaned > 0 || overflowed) {
            Logger.info("sv1 connection {} closed: {} ({} pending shares settled)", id, reason, orphaned);
        } else {
            Logger.debug("sv1 connection {} closed: {}", id, reason);
        }
    }
}
