package org.sharemint.pool;

import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.Targets;
import org.sharemint.crypto.Hashes;

/**
 * Checks one submit against the job it names, in the order of wire.md "Share validation":
 * job known and not stale, version bits, ntime, extranonce size, SHA256d of the header against
 * the job's target, then the duplicate check (which also records the hash). Stateless apart
 * from what the channel holds; runs on the connection's reader thread.
 */
final class ShareValidator {
    /** BIP320 general purpose version bits a miner may roll. */
    static final int VERSION_ROLLING_MASK = 0x1fffffe0;
    /** Bitcoin's MAX_FUTURE_BLOCK_TIME: ntime may run this far past the job's min_ntime. */
    static final long MAX_FUTURE_SECONDS = 7200;

    /** The outcome of one check: an error code, or an accepted share. */
    sealed interface Result permits Rejected, Accepted {}

    record Rejected(String code) implements Result {}

    /**
     * @param hash SHA256d of the header, internal byte order
     * @param leadingZeros z: leading zero bits of the hash read as a big-endian number of its reversed bytes
     * @param amount 2^(z - m), capped at 2^63 (an unsigned U64; {@code Long.MIN_VALUE} stands for 2^63)
     * @param difficulty the job's target difficulty (for new_shares_sum)
     * @param block whether the hash also meets the network target
     * @param template the job the share was found on
     */
    record Accepted(byte[] hash, int leadingZeros, long amount, double difficulty, boolean block, Template template)
            implements Result {}

    private static final Rejected BAD_EXTRANONCE = new Rejected(ShareError.BAD_EXTRANONCE_SIZE);
    private static final Rejected STALE = new Rejected(ShareError.STALE_SHARE);
    private static final Rejected UNKNOWN_JOB = new Rejected(ShareError.INVALID_JOB_ID);
    private static final Rejected VERSION_BITS = new Rejected(ShareError.INVALID_NON_ROLLABLE_VERSION_BIT);
    private static final Rejected BAD_NTIME = new Rejected(ShareError.INVALID_SHARE);
    private static final Rejected TOO_EASY = new Rejected(ShareError.DIFFICULTY_TOO_LOW);
    private static final Rejected DUPLICATE = new Rejected(ShareError.DUPLICATE_SHARE);
    private static final Rejected TOO_MANY = new Rejected(ShareError.TOO_MANY_SHARES);

    private final int minLeadingZeros;

    /** @param minLeadingZeros m of ehash.min-leading-zeros */
    ShareValidator(int minLeadingZeros) {
        this.minLeadingZeros = minLeadingZeros;
    }

    Result check(MiningChannel channel, int jobId, int nonce, int ntime, int version, byte[] extranonce) {
        ChannelJob job;
        switch (channel.job(jobId)) {
            case ChannelJob j -> job = j;
            case MiningChannel.NoJob.STALE -> { return STALE; }
            case MiningChannel.NoJob.UNKNOWN -> { return UNKNOWN_JOB; }
        }
        Template t = job.template;
        if (((version ^ t.version()) & ~VERSION_ROLLING_MASK) != 0) return VERSION_BITS;
        long time = Integer.toUnsignedLong(ntime);
        if (time < job.minNtime || time > job.minNtime + MAX_FUTURE_SECONDS) return BAD_NTIME;
        if (extranonce.length != channel.extranonceSize) return BAD_EXTRANONCE;

        byte[] root = job.merkleRoot != null ? job.merkleRoot : t.merkleRoot(channel.extranoncePrefix, extranonce);
        byte[] hash = Hashes.sha256d(Bitcoin.header(version, t.prevHash(), root, ntime, t.nbits(), nonce));
        boolean block = Targets.meets(hash, t.networkTarget());
        if (!Targets.meets(hash, job.target()) && !block) return TOO_EASY;
        int z = Targets.leadingZeroBits(hash);
        if (z < minLeadingZeros) return TOO_EASY;
        switch (channel.markSeen(hash)) {
            case DUPLICATE -> { return DUPLICATE; }
            case FULL -> { return TOO_MANY; }
            case NEW -> { }
        }
        return new Accepted(hash, z, amount(z, minLeadingZeros), job.difficulty(), block, t);
    }

    /** 2^(z - m) capped at 2^63, as an unsigned 64-bit value. */
    static long amount(int z, int m) {
        return 1L << Math.min(z - m, 63);
    }
}
