package org.sharemint.miner;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.sharemint.wire.NewExtendedMiningJob;
import org.sharemint.wire.NewMiningJob;
import org.sharemint.wire.SetNewPrevHash;

/**
 * One channel's view of the pool's jobs (wire.md, mining protocol): future jobs wait for their
 * SetNewPrevHash, jobs with min_ntime set are active at once, SetTarget changes the target of
 * jobs that follow it and of future jobs already received. Each change that alters what should
 * be hashed yields a new {@link Work}.
 *
 * <p>Threads: owned by the session's reader thread; the hashing threads see only the immutable
 * Work objects it hands out.
 */
final class JobTracker {
    /** A job as received, with the target it is to be mined at. */
    private record Job(int jobId, boolean future, int version, byte[] merkleRoot, Integer minNtime,
                       byte[] coinbasePrefix, byte[] coinbaseSuffix, List<byte[]> merklePath, byte[] target) {
        Job withTarget(byte[] t) {
            return new Job(jobId, future, version, merkleRoot, minNtime, coinbasePrefix, coinbaseSuffix, merklePath, t);
        }
    }

    private final int channelId;
    private final boolean extended;
    private final Clock clock;
    private final AtomicLong workIds;
    private final Map<Integer, Job> jobs = new HashMap<>();
    private byte[] target;
    private byte[] extranoncePrefix;
    private final int extranonceSize;
    private byte[] prevHash;
    private int nbits;
    private int prevMinNtime;
    private Job active;
    private Work work;

    JobTracker(int channelId, boolean extended, byte[] target, byte[] extranoncePrefix, int extranonceSize, Clock clock, AtomicLong workIds) {
        this.channelId = channelId;
        this.extended = extended;
        this.target = target.clone();
        this.extranoncePrefix = extranoncePrefix.clone();
        this.extranonceSize = extranonceSize;
        this.clock = clock;
        this.workIds = workIds;
    }

    /** The work to hash now, or null before the first active job. */
    Work work() {
        return work;
    }

    /** The channel target now (U256 little-endian). */
    byte[] target() {
        return target.clone();
    }

    /** Whether a share of this job may still be submitted (it is the active one). */
    boolean isActive(int jobId) {
        return active != null && active.jobId == jobId;
    }

    /** A standard job; returns the new work when it changed what to hash, else null. */
    Work onJob(NewMiningJob m) {
        if (extended) return null; // a standard job on an extended channel: not ours to mine
        return add(new Job(m.jobId(), m.minNtime() == null, m.version(), m.merkleRoot(), m.minNtime(), null, null, null, target));
    }

    Work onJob(NewExtendedMiningJob m) {
        if (!extended) return null; // a standard channel mines the merkle root the pool computed for it
        return add(new Job(m.jobId(), m.minNtime() == null, m.version(), null, m.minNtime(),
                m.coinbaseTxPrefix(), m.coinbaseTxSuffix(), m.merklePath(), target));
    }

    private Work add(Job job) {
        jobs.put(job.jobId, job);
        if (job.future || prevHash == null) return null;
        return activate(job, Integer.toUnsignedLong(job.minNtime));
    }

    /** A new block: the named future job becomes active, every other job is stale. */
    Work onPrevHash(SetNewPrevHash m) {
        prevHash = m.prevHash().clone();
        nbits = m.nbits();
        prevMinNtime = m.minNtime();
        Job job = jobs.get(m.jobId());
        jobs.clear();
        if (job == null) {
            active = null;
            work = null;
            return null; // the pool will send the job; until then there is nothing valid to hash
        }
        jobs.put(job.jobId, job);
        return activate(job, Integer.toUnsignedLong(prevMinNtime));
    }

    /** A new channel target: future jobs (and the active one, if it came as a future job) follow it. */
    Work onTarget(byte[] newTarget) {
        target = newTarget.clone();
        jobs.replaceAll((id, j) -> j.future ? j.withTarget(target) : j);
        if (active != null && active.future) {
            active = jobs.get(active.jobId);
            return setWork(work.withTarget(target, workIds.incrementAndGet()));
        }
        return null;
    }

    /** A new extranonce prefix: an extended channel's coinbase changes at once; a standard channel gets new jobs. */
    Work onExtranoncePrefix(byte[] prefix) {
        extranoncePrefix = prefix.clone();
        if (extended && active != null) return activate(active, Integer.toUnsignedLong(work.ntime()));
        return null;
    }

    private Work activate(Job job, long minNtime) {
        active = job;
        // ntime: the job's lower bound, or our clock when it is later (the pool's synthetic chain uses real time)
        long now = clock.millis() / 1000;
        int ntime = (int) Math.max(minNtime, Math.min(now, 0xFFFF_FFFFL));
        Work.Coinbase coinbase = extended
                ? new Work.Coinbase(job.coinbasePrefix, extranoncePrefix, extranonceSize, job.coinbaseSuffix, job.merklePath)
                : null;
        return setWork(new Work(workIds.incrementAndGet(), channelId, job.jobId, job.version, prevHash, nbits, ntime, job.target,
                extended ? null : job.merkleRoot, coinbase));
    }

    private Work setWork(Work w) {
        work = w;
        return w;
    }
}
