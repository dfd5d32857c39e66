package org.sharemint.pool;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.bitcoin.Targets;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewExtendedMiningJob;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.SetNewPrevHash;
import org.sharemint.wire.SetTarget;

/**
 * One standard or extended mining channel: its extranonce, target, locking key, the jobs it
 * was sent in the current block, the share hashes it already submitted, vardiff, its shares
 * waiting for their quotes and the batch of successes not yet sent. It writes only to its own
 * connection's {@link Outbound}, which it was made with.
 *
 * <p>Threads: the connection's reader validates shares and handles UpdateChannel and
 * CloseChannel; the job broadcaster sends new jobs; share threads add to the batch and leave
 * the pending set. Job state, target and the duplicate set are guarded by {@code lock}.
 * Messages about jobs and targets are queued under that lock, so a channel always sees them in
 * the order the state changed.
 */
final class MiningChannel {
    /** Jobs of the current block kept for validation; an older one is stale. */
    private static final int MAX_JOBS = 32;
    /**
     * Share hashes remembered per block: all of them, since this set is what keeps one share from
     * earning two quotes (the ledger has no unique key on the hash; see LedgerSchema). A channel
     * that fills it is refused until the next block: 65,536 shares is 7.5 days at the default
     * vardiff aim, so only a channel set far off its aim meets the limit.
     */
    static final int MAX_SEEN = 1 << 16;
    /**
     * Stale shares on the block just replaced that a channel may send without being charged to
     * its connection's invalid-submit budget (per new block): the shares a miner had in flight
     * when clean_jobs / SetNewPrevHash reached it are the network's doing, not the miner's.
     */
    static final int MAX_FORGIVEN_STALE = 1024;

    /** What {@link #markSeen} found. */
    enum Seen { NEW, DUPLICATE, FULL }

    /** What {@link #job} found: the job, or why there is none. */
    sealed interface JobLookup permits ChannelJob, NoJob {}

    /** No job for the id: one of this block's older jobs (dropped), or an id never sent in it. */
    enum NoJob implements JobLookup { STALE, UNKNOWN }

    final int id;
    final boolean extended;
    /** As sent in the open's Success: 8 bytes for extended channels, all 32 for standard ones. */
    final byte[] extranoncePrefix;
    /** Bytes the miner rolls: 24 for extended channels, 0 for standard ones. */
    final int extranonceSize;
    final SuccessBatch batch;
    /** The connection's outbound queue: jobs, targets, replies. */
    final ChannelOut out;
    /** Shares of this channel waiting for their quote (registered before they reach the mint). */
    private final Set<PendingShare> pending = ConcurrentHashMap.newKeySet();
    private final BigInteger ceiling;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Integer, ChannelJob> jobs = new LinkedHashMap<>();
    private ShareHashSet seen; // made by the first accepted share of a block: idle channels hold none
    private int seenLimit = MAX_SEEN;
    private final Vardiff vardiff;
    private volatile byte[] lockingKey;
    private BigInteger maxTarget;
    private BigInteger target;
    private byte[] targetLe;
    private double difficulty;
    private long firstJobId = -1;
    private long lastJobId = -1;
    private long epoch = -1;
    /** The first job id of the current block, and the id range of the block it replaced (none: -1). */
    private long blockFirstJobId = -1;
    private long replacedFirstJobId = -1;
    private long replacedLastJobId = -1;
    private int forgivenStale;
    private volatile boolean closed;
    /** The user identity's worker name, and the monitor's figures of this channel's worker (see ShareFigures). */
    volatile String workerName = "";
    volatile org.sharemint.monitor.WorkerStats worker;

    /**
     * @param ceiling the easiest target channel.min-difficulty allows
     * @param target the initial target (already within ceiling and maxTarget)
     */
    MiningChannel(int id, boolean extended, byte[] extranoncePrefix, int extranonceSize, byte[] lockingKey,
            BigInteger ceiling, BigInteger maxTarget, BigInteger target, Vardiff vardiff, ChannelOut out, SuccessBatch batch) {
        this.id = id;
        this.extended = extended;
        this.extranoncePrefix = extranoncePrefix;
        this.extranonceSize = extranonceSize;
        this.lockingKey = lockingKey;
        this.ceiling = ceiling;
        this.maxTarget = maxTarget;
        this.vardiff = vardiff;
        this.out = out;
        this.batch = batch;
        setTargetLocked(target);
    }

    /** The target for a miner's hash rate and max_target, within the pool's ceiling. */
    static BigInteger targetFor(double hashRate, int sharesPerMinute, BigInteger maxTarget, BigInteger ceiling) {
        return Targets.forHashRate(hashRate, sharesPerMinute).min(ceiling).min(maxTarget);
    }

    byte[] lockingKey() {
        return lockingKey;
    }

    void setLockingKey(byte[] key) {
        this.lockingKey = key;
        this.worker = null; // another key is another worker
    }

    byte[] targetBytes() {
        lock.lock();
        try {
            return targetLe;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends {@code t} to this channel unless it already has it or a newer one: a future job and
     * SetNewPrevHash for a new block (or the channel's first job), else a job active at once.
     */
    void sendTemplate(Template t) {
        lock.lock();
        try {
            if (closed || t.jobId() <= lastJobId) return;
            boolean activate = t.newBlock() || t.epoch() != epoch;
            if (activate) {
                jobs.clear();
                seen = null;
                epoch = t.epoch();
                replacedFirstJobId = blockFirstJobId;
                replacedLastJobId = blockFirstJobId < 0 ? -1 : lastJobId;
                blockFirstJobId = t.jobId();
                forgivenStale = 0;
            }
            byte[] root = extended ? null : t.merkleRoot(extranoncePrefix, new byte[0]);
            Integer minNtime = activate ? null : t.ntime();
            Message job = extended
                    ? new NewExtendedMiningJob(id, t.jobId(), minNtime, t.version(), true, t.merklePath(), t.coinbasePrefix(),
                            t.coinbaseSuffix())
                    : new NewMiningJob(id, t.jobId(), minNtime, t.version(), root);
            jobs.put(t.jobId(), new ChannelJob(t, root, activate, Integer.toUnsignedLong(t.ntime()), targetLe, difficulty));
            if (jobs.size() > MAX_JOBS) {
                Iterator<Integer> oldest = jobs.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            if (firstJobId < 0) firstJobId = t.jobId();
            lastJobId = t.jobId();
            out.send(job);
            if (activate) out.send(new SetNewPrevHash(id, t.jobId(), t.prevHash(), t.ntime(), t.nbits()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * CloseChannel, or its connection closed: no message about this channel is sent after this,
     * its pending shares are settled (nobody is left to tell) and its unsent successes dropped.
     * Returns how many pending shares this call settled.
     */
    int close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        int orphaned = 0;
        for (PendingShare p : pending) {
            if (p.orphan()) orphaned++;
        }
        batch.drop();
        return orphaned;
    }

    /**
     * Registers a share before it goes to the mint, so a close from now on settles it; false
     * when the channel is closed already.
     */
    boolean addPending(PendingShare p) {
        pending.add(p);
        if (!closed) return true;
        pending.remove(p);
        return false;
    }

    /** The share's thread is done with it. */
    void removePending(PendingShare p) {
        pending.remove(p);
    }

    List<PendingShare> pendingShares() {
        return List.copyOf(pending);
    }

    /** The job for a submit, or why there is none (stale-share or invalid-job-id). */
    JobLookup job(int jobId) {
        lock.lock();
        try {
            ChannelJob j = jobs.get(jobId);
            if (j != null) return j;
            long id = Integer.toUnsignedLong(jobId);
            return id >= firstJobId && id <= lastJobId && firstJobId >= 0 ? NoJob.STALE : NoJob.UNKNOWN;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a stale share on {@code jobId} is one the miner had in flight when the current
     * block replaced its job's block, and so is not charged to the connection's invalid-submit
     * budget; at most {@link #MAX_FORGIVEN_STALE} a block, so this is no free pass for a flood.
     */
    boolean forgiveStale(int jobId) {
        lock.lock();
        try {
            long id = Integer.toUnsignedLong(jobId);
            if (replacedFirstJobId < 0 || id < replacedFirstJobId || id > replacedLastJobId) return false;
            if (forgivenStale >= MAX_FORGIVEN_STALE) return false;
            forgivenStale++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Records an accepted share's hash, unless this block already saw it or the set is full. */
    Seen markSeen(byte[] hash) {
        lock.lock();
        try {
            if (seen == null) seen = new ShareHashSet();
            if (seen.contains(hash)) return Seen.DUPLICATE;
            if (seen.size() >= seenLimit) return Seen.FULL;
            seen.add(hash);
            return Seen.NEW;
        } finally {
            lock.unlock();
        }
    }

    /** For tests: a smaller share set per block than {@link #MAX_SEEN}, so that filling it is quick. */
    void limitSeen(int limit) {
        lock.lock();
        try {
            seenLimit = limit;
        } finally {
            lock.unlock();
        }
    }

    /** Counts an accepted share toward vardiff and retargets if a window ended. */
    void countShare(long nowNanos) {
        lock.lock();
        try {
            vardiff.countShare();
            retargetLocked(nowNanos);
        } finally {
            lock.unlock();
        }
    }

    /** Periodic vardiff check, so a channel that stopped finding shares gets easier work. */
    void tick(long nowNanos) {
        lock.lock();
        try {
            retargetLocked(nowNanos);
        } finally {
            lock.unlock();
        }
    }

    /** UpdateChannel: a new hash rate and maximum target; SetTarget when the target changes. */
    void update(double hashRate, int sharesPerMinute, BigInteger newMaxTarget, long nowNanos) {
        lock.lock();
        try {
            maxTarget = newMaxTarget;
            BigInteger t = targetFor(hashRate, sharesPerMinute, maxTarget, ceiling);
            vardiff.reset(nowNanos);
            if (!t.equals(target)) changeTargetLocked(t);
        } finally {
            lock.unlock();
        }
    }

    private void retargetLocked(long nowNanos) {
        double proposed = vardiff.propose(nowNanos, difficulty);
        if (Double.isNaN(proposed)) return;
        BigInteger t = Targets.forDifficulty(proposed).min(ceiling).min(maxTarget);
        if (!t.equals(target)) changeTargetLocked(t);
    }

    private void changeTargetLocked(BigInteger t) {
        if (closed) return;
        setTargetLocked(t);
        // future jobs already sent follow SetTarget; jobs sent with min_ntime keep theirs
        for (ChannelJob j : jobs.values()) {
            if (j.future) j.retarget(targetLe, difficulty);
        }
        out.send(new SetTarget(id, targetLe));
    }

    private void setTargetLocked(BigInteger t) {
        target = t;
        targetLe = Targets.toLe(t);
        difficulty = Targets.difficulty(t);
    }
}
