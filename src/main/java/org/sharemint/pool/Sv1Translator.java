package org.sharemint.pool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.bitcoin.Targets;
import org.sharemint.sv1.Notify;
import org.sharemint.sv1.SetDifficulty;
import org.sharemint.sv1.SetVersionMask;
import org.sharemint.sv1.Sv1Response;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewExtendedMiningJob;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SetTarget;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;
import org.tinylog.Logger;

/**
 * The {@link ChannelOut} of an SV1 connection's channel: says what the channel, its share
 * threads and the job broadcaster say in SV2 as Stratum V1 lines. A future job plus
 * SetNewPrevHash becomes one mining.notify with clean_jobs; a job active at once a notify
 * without it; SetTarget mining.set_difficulty; a share's success or error the response to the
 * submit it answers, found by the share's sequence number (the channel's batch size is one, so
 * every success names exactly one share). ShareQuote has no SV1 form: its quote is found by
 * the locking key instead.
 *
 * <p>Version rolling (BIP310): the mask a miner may roll is what it asked for in mining.configure
 * within what the pool allows for the job ({@link #allowedMask}); when a job changes that, a
 * mining.set_version_mask goes out before the job's notify, valid at once.
 */
final class Sv1Translator implements ChannelOut {
    /** Submits waiting for their answer on one connection; beyond it a submit is refused at once. */
    static final int MAX_WAITING = 8192;
    /**
     * The difficulty sent is a hair above the channel's, so the target a miner computes from it
     * is never easier than the one its shares are checked against.
     */
    private static final double DIFFICULTY_MARGIN = 1 + 1e-9;

    private final Sv1Outbound out;
    private final Map<Integer, JsonNode> waiting = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private NewExtendedMiningJob future;
    private byte[] prevHash;
    private int nbits;
    /** The mask the miner asked for; rolling is on once configure granted it. */
    private int requestedMask;
    private boolean rolling;
    /** The mask last told to the miner (0: none); submits are checked against it. */
    private volatile int versionMask;

    Sv1Translator(Sv1Outbound out) {
        this.out = out;
    }

    /** Remembers which request a share's reply answers; false when too many wait already. */
    boolean expect(int sequence, JsonNode requestId) {
        if (waiting.size() >= MAX_WAITING) return false;
        waiting.put(sequence, requestId);
        return true;
    }

    int waiting() {
        return waiting.size();
    }

    /**
     * The version bits the pool lets a miner roll on a job of {@code templateVersion}: BIP320's
     * general purpose bits (and the ones ShareValidator allows), less any the template itself
     * sets, which a node sets to signal a soft-fork deployment (BIP9) and a rolled share must keep.
     */
    static int allowedMask(int templateVersion) {
        return ShareValidator.VERSION_ROLLING_MASK & ~templateVersion;
    }

    /**
     * mining.configure asked for {@code requested} with at least {@code minBits} bits: the mask
     * granted on jobs of {@code templateVersion}, or null when too few bits are left to grant.
     */
    Integer configureRolling(int requested, int minBits, int templateVersion) {
        lock.lock();
        try {
            int mask = requested & allowedMask(templateVersion);
            if (Integer.bitCount(mask) < minBits) return null;
            requestedMask = requested;
            rolling = true;
            versionMask = mask;
            return mask;
        } finally {
            lock.unlock();
        }
    }

    /** The mask submits are checked against (0: the miner may not roll). */
    int versionMask() {
        return versionMask;
    }

    /** Before a job's notify (under the lock): mining.set_version_mask when the job changes the mask. */
    private void maskFor(int jobVersion) {
        if (!rolling) return;
        int mask = requestedMask & allowedMask(jobVersion);
        if (mask == versionMask) return;
        versionMask = mask;
        out.send(new SetVersionMask(mask).encode());
    }

    static double difficulty(byte[] targetLe) {
        return Targets.difficulty(Targets.toBig(targetLe)) * DIFFICULTY_MARGIN;
    }

    @Override
    public boolean send(Message m) {
        return switch (m) {
            case NewExtendedMiningJob j -> job(j);
            case SetNewPrevHash p -> prevHash(p);
            case SetTarget t -> out.send(new SetDifficulty(difficulty(t.maximumTarget())).encode());
            case SubmitSharesSuccess s -> answer(s.lastSequenceNumber(), Sv1Response.ok(null, true));
            case SubmitSharesError e -> answer(e.sequenceNumber(), Sv1Response.error(null, code(e.errorCode()), e.errorCode()));
            default -> {
                Logger.trace("sv1: no form for {}", m.getClass().getSimpleName());
                yield true;
            }
        };
    }

    private boolean job(NewExtendedMiningJob j) {
        lock.lock();
        try {
            if (j.minNtime() == null) {
                future = j; // goes out with its SetNewPrevHash, which the channel sends next
                return true;
            }
            if (prevHash == null) return true;
            maskFor(j.version());
            return out.send(notify(j, j.minNtime(), false).encode());
        } finally {
            lock.unlock();
        }
    }

    private boolean prevHash(SetNewPrevHash p) {
        lock.lock();
        try {
            prevHash = p.prevHash();
            nbits = p.nbits();
            NewExtendedMiningJob j = future;
            future = null;
            if (j == null || j.jobId() != p.jobId()) return true;
            maskFor(j.version());
            return out.send(notify(j, p.minNtime(), true).encode());
        } finally {
            lock.unlock();
        }
    }

    private Notify notify(NewExtendedMiningJob j, int ntime, boolean clean) {
        return new Notify(jobId(j.jobId()), prevHash, j.coinbaseTxPrefix(), coinb2(j.coinbaseTxSuffix()), j.merklePath(), j.version(),
                nbits, ntime, clean);
    }

    /**
     * The miner rolls {@link Sv1Connection#EXTRANONCE2_BYTES} of the channel's extended extranonce;
     * the rest is zeros it gets as the start of coinb2.
     */
    private static byte[] coinb2(byte[] suffix) {
        byte[] b = new byte[Sv1Connection.EXTRANONCE_PAD_BYTES + suffix.length];
        System.arraycopy(suffix, 0, b, Sv1Connection.EXTRANONCE_PAD_BYTES, suffix.length);
        return b;
    }

    private boolean answer(int sequence, Sv1Response r) {
        JsonNode id = waiting.remove(sequence);
        if (id == null) return true; // answered already, or never asked (nobody to tell)
        return out.send(new Sv1Response(id, r.result(), r.errorCode(), r.errorMessage()).encode());
    }

    static String jobId(int id) {
        return Integer.toHexString(id);
    }

    /** The SV1 error code for one of the pool's share error names (the name is the message). */
    static int code(String error) {
        return switch (error) {
            case ShareError.INVALID_JOB_ID, ShareError.STALE_SHARE -> 21;
            case ShareError.DUPLICATE_SHARE -> 22;
            case ShareError.DIFFICULTY_TOO_LOW -> 23;
            case ShareError.INVALID_CHANNEL_ID -> 24;
            default -> 20;
        };
    }
}
