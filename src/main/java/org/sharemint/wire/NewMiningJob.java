package org.sharemint.wire;

/**
 * NewMiningJob (CORE 0x15, channel message): A job for a standard channel; minNtime null means a
 * future job, activated by SetNewPrevHash.
 *
 * @param channelId channel_id U32
 * @param jobId job_id U32
 * @param minNtime min_ntime OPTION[U32]
 * @param version version U32
 * @param merkleRoot merkle_root U256
 */
public record NewMiningJob(
        int channelId,
        int jobId,
        Integer minNtime,
        int version,
        byte[] merkleRoot) implements Message {
    public static final int MSG_TYPE = 0x15;

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
        w.u256(merkleRoot);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static NewMiningJob decode(WireReader r) throws WireException {
        int channelId = r.u32();
        int jobId = r.u32();
        Integer minNtime = r.optionU32();
        int version = r.u32();
        byte[] merkleRoot = r.u256();
        r.expectEnd();
        return new NewMiningJob(channelId, jobId, minNtime, version, merkleRoot);
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
