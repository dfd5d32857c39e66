package org.sharemint.wire;

/**
 * SubmitSharesExtended (CORE 0x1b, channel message): A share found on an extended channel, with
 * the extranonce the client rolled.
 *
 * @param channelId channel_id U32
 * @param sequenceNumber sequence_number U32
 * @param jobId job_id U32
 * @param nonce nonce U32
 * @param ntime ntime U32
 * @param version version U32
 * @param extranonce extranonce B0_32
 */
public record SubmitSharesExtended(
        int channelId,
        int sequenceNumber,
        int jobId,
        int nonce,
        int ntime,
        int version,
        byte[] extranonce) implements Message {
    public static final int MSG_TYPE = 0x1b;

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
        w.u32(sequenceNumber);
        w.u32(jobId);
        w.u32(nonce);
        w.u32(ntime);
        w.u32(version);
        w.b0_32(extranonce);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SubmitSharesExtended decode(WireReader r) throws WireException {
        int channelId = r.u32();
        int sequenceNumber = r.u32();
        int jobId = r.u32();
        int nonce = r.u32();
        int ntime = r.u32();
        int version = r.u32();
        byte[] extranonce = r.b0_32();
        r.expectEnd();
        return new SubmitSharesExtended(channelId, sequenceNumber, jobId, nonce, ntime, version, extranonce);
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
