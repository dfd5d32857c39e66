package org.sharemint.wire;

/**
 * SetNewPrevHash (CORE 0x20, channel message): A new block to build on; activates the future job
 * jobId.
 *
 * @param channelId channel_id U32
 * @param jobId job_id U32
 * @param prevHash prev_hash U256
 * @param minNtime min_ntime U32
 * @param nbits nbits U32
 */
public record SetNewPrevHash(
        int channelId,
        int jobId,
        byte[] prevHash,
        int minNtime,
        int nbits) implements Message {
    public static final int MSG_TYPE = 0x20;
    /** Payload size: every field is fixed-size. */
    public static final int PAYLOAD_BYTES = 48;

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
        w.u256(prevHash);
        w.u32(minNtime);
        w.u32(nbits);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SetNewPrevHash decode(WireReader r) throws WireException {
        r.require(PAYLOAD_BYTES);
        int channelId = r.u32();
        int jobId = r.u32();
        byte[] prevHash = r.u256();
        int minNtime = r.u32();
        int nbits = r.u32();
        r.expectEnd();
        return new SetNewPrevHash(channelId, jobId, prevHash, minNtime, nbits);
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
