package org.sharemint.wire;

import java.util.List;

/**
 * NewExtendedMiningJob (CORE 0x1f, channel message): A job for an extended channel: the coinbase
 * halves around the extranonce and the merkle path.
 *
 * @param channelId channel_id U32
 * @param jobId job_id U32
 * @param minNtime min_ntime OPTION[U32]
 * @param version version U32
 * @param versionRollingAllowed version_rolling_allowed BOOL
 * @param merklePath merkle_path SEQ0_255[U256]
 * @param coinbaseTxPrefix coinbase_tx_prefix B0_64K
 * @param coinbaseTxSuffix coinbase_tx_suffix B0_64K
 */
public record NewExtendedMiningJob(
        int channelId,
        int jobId,
        Integer minNtime,
        int version,
        boolean versionRollingAllowed,
        List<byte[]> merklePath,
        byte[] coinbaseTxPrefix,
        byte[] coinbaseTxSuffix) implements Message {
    public static final int MSG_TYPE = 0x1f;

    @Override
    public int extension() {
        return Extensions.CORE;
    }

    @Override
    public int msgType() {
        return MSG_TYPE;
    }

    @Override
    public boolean channelMsg() {
        return true;
    }

    @Override
    public void encode(WireWriter w) {
        w.u32(channelId);
        w.u32(jobId);
        w.optionU32(minNtime);
        w.u32(version);
        w.bool(versionRollingAllowed);
        w.seq0_255U256(merklePath);
        w.b0_64k(coinbaseTxPrefix);
        w.b0_64k(coinbaseTxSuffix);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static NewExtendedMiningJob decode(WireReader r) throws WireException {
        int channelId = r.u32();
        int jobId = r.u32();
        Integer minNtime = r.optionU32();
        int version = r.u32();
        boolean versionRollingAllowed = r.bool();
        List<byte[]> merklePath = r.seq0_255U256();
        byte[] coinbaseTxPrefix = r.b0_64k();
        byte[] coinbaseTxSuffix = r.b0_64k();
        r.expectEnd();
        return new NewExtendedMiningJob(
                channelId, jobId, minNtime, version, versionRollingAllowed, merklePath,
                coinbaseTxPrefix, coinbaseTxSuffix);
    }

    /** Arrays by content (see {@link Fields}). */
    @Override
    public boolean equals(Object o) {
        return Fields.equals(this, o);
    }

    @Override
    public int hashCode() {
        return Fields.hashCode(this);
    }

    /** Like the record default, with byte arrays in hex. */
    @Override
    public String toString() {
        return Fields.toString(this);
    }
}
