package org.sharemint.miner;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.sharemint.bitcoin.Targets;
import org.sharemint.downstream.Sv2Client;
import org.sharemint.downstream.Sv2Setup;
import org.sharemint.wire.*;
import org.tinylog.Logger;

/**
 * One connection to the pool, as plain sequential code on the caller's thread: connect, Noise
 * handshake, SetupConnection, RequestExtensions([ehash]), open one channel, then read frames
 * until the connection ends. Jobs become {@link Work} for the {@link HashEngine}; ShareQuotes go
 * to the {@link QuoteSink}; shares found by the hashing threads are submitted through
 * {@link #submit}. The connection and its set-up are {@link Sv2Client} and {@link Sv2Setup}'s.
 *
 * <p>Threads: the caller of {@link #run} reads; hashing threads call {@link #submit}, and the
 * frame channel serializes their writes. {@link #close} may be called from any thread and ends
 * {@link #run} by closing the socket.
 */
final class PoolSession extends SessionBase {
    /** Sent as the firmware string in SetupConnection. */
    static final String FIRMWARE = "0.1.0";
    /** The extranonce bytes an extended channel asks to roll (the pool may grant more). */
    static final int MIN_EXTRANONCE_SIZE = 4;

    /** Where the ShareQuotes of this connection go (the wallet), called on the reader thread. */
    @FunctionalInterface
    interface QuoteSink {
        void onQuote(ShareQuote quote);
    }

    private final MinerOptions options;
    private final String userIdentity;
    private final float nominalHashRate;
    private final QuoteSink quotes;
    private final Clock clock;
    private final AtomicLong workIds;
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile Sv2Client client;
    private volatile int channelId = -1;

    PoolSession(MinerOptions options, String userIdentity, float nominalHashRate, HashEngine engine, QuoteSink quotes,
                MinerStats stats, Clock clock, AtomicLong workIds) {
        super(engine, stats);
        this.options = options;
        this.userIdentity = userIdentity;
        this.nominalHashRate = nominalHashRate;
        this.quotes = quotes;
        this.clock = clock;
        this.workIds = workIds;
    }

    /**
     * Runs the connection to its end. Returns normally when the pool closed it (or asked us to
     * reconnect); throws when it failed, {@link RefusedException} when the pool said no.
     */
    @Override
    public void run() throws IOException {
        String where = options.poolHost() + ":" + options.poolPort();
        Sv2Client ch = Sv2Client.connect(socket, new InetSocketAddress(options.poolHost(), options.poolPort()),
                options.plaintext() ? null : options.authorityKey(), clock, SETUP_TIMEOUT_MS);
        client = ch;
        try {
            setUp(ch);
            JobTracker tracker = openChannel(ch);
            ready();
            Logger.info("mining on {} channel {} at {} ({}, target difficulty {})", options.extended() ? "extended" : "standard",
                    channelId, where, options.plaintext() ? "plaintext" : "Noise", Targets.difficultyText(tracker.target()));
            readLoop(ch, tracker);
        } catch (SocketTimeoutException e) {
            throw timedOut(e, "frame");
        } finally {
            engine.setWork(null);
        }
    }

    private void setUp(Sv2Client ch) throws IOException {
        int flags = options.extended() ? 0 : Sv2Setup.REQUIRES_STANDARD_JOBS;
        SetupConnectionSuccess s = Sv2Setup.setUp(ch, flags, options.poolHost(), options.poolPort(), "sharemint", "cpu", FIRMWARE, "sharemint-miner");
        Logger.debug("setup accepted: version {}, flags {}", s.usedVersion(), s.flags());
        // without the ehash extension there would be no quotes to redeem
        Sv2Setup.requestExtensions(ch, 1, Extensions.EHASH);
    }

    private JobTracker openChannel(Sv2Client ch) throws IOException {
        Sv2Setup.Opened o = options.extended()
                ? Sv2Setup.openExtended(ch, 1, userIdentity, nominalHashRate, MIN_EXTRANONCE_SIZE)
                : Sv2Setup.openStandard(ch, 1, userIdentity, nominalHashRate);
        channelId = o.channelId();
        JobTracker tracker = new JobTracker(o.channelId(), o.extended(), o.target(), o.extranoncePrefix(), o.extranonceSize(), clock, workIds);
        for (Message m : o.early()) handle(m, tracker);
        return tracker;
    }

    private void readLoop(Sv2Client ch, JobTracker tracker) throws IOException {
        while (true) {
            Message m;
            try {
                m = ch.read();
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
                Logger.debug("new target, difficulty {}", Targets.difficultyText(t.maximumTarget()));
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

    /** Called by a hashing thread for a header that met its target. */
    @Override
    public void submit(HashEngine.Share s) {
        Sv2Client ch = client;
        if (!current(s)) return; // found just as the job changed
        if (ch == null || s.work().channelId() != channelId) {
            stats.droppedStale.increment();
            return;
        }
        int seq = sequence.getAndIncrement();
        Message m = s.extranonce() == null
                ? new SubmitSharesStandard(channelId, seq, s.work().jobId(), s.nonce(), s.ntime(), s.version())
                : new SubmitSharesExtended(channelId, seq, s.work().jobId(), s.nonce(), s.ntime(), s.version(), s.extranonce());
        try {
            ch.send(m);
            ch.flush();
            stats.submitted.increment();
        } catch (IOException e) {
            Logger.debug("share not sent: {}", e.getMessage()); // the reader sees the broken connection and ends the session
        }
    }
}
