package org.sharemint.pool;

/**
 * A job as one channel received it. The target is the channel's target when the job was sent;
 * for a job received as a future job (empty min_ntime) a later SetTarget replaces it, as the
 * SV2 spec says. Fields other than the target are immutable; the target is written under the
 * channel's lock and read by the validating thread.
 *
 * @param merkleRoot the fixed root for a standard channel, null for an extended one
 * @param minNtime the earliest ntime a share may carry
 */
final class ChannelJob implements MiningChannel.JobLookup {
    final Template template;
    final byte[] merkleRoot;
    final boolean future;
    final long minNtime;
    private volatile byte[] target;
    private volatile double difficulty;

    ChannelJob(Template template, byte[] merkleRoot, boolean future, long minNtime, byte[] target, double difficulty) {
        this.template = template;
        this.merkleRoot = merkleRoot;
        this.future = future;
        this.minNtime = minNtime;
        this.target = target;
        this.difficulty = difficulty;
    }

    byte[] target() {
        return target;
    }

    double difficulty() {
        return difficulty;
    }

    void retarget(byte[] target, double difficulty) {
        this.target = target;
        this.difficulty = difficulty;
    }
}
