package org.sharemint.wire;

/**
 * SubmitSharesStandard (CORE 0x1a, channel message): A share found on a standard channel.
 *
 * @param channelId channel_id U32
 * @param sequenceNumber sequence_number U32
 * @param jobId job_id U32
 * @param nonce nonce U32
 * @param ntime ntime U32
 * @param version version U32
 */
public record SubmitSharesStandard(
        int channelId,
        int sequenceNumber,
        int jobId,
        int nonce,
        int ntime,
        int version) implements Message {
    public static final int MSG_TYPE = 0x1a;
    /** Payload size: every field is fixed-size. */
    public static final int PAYLOAD_BYTES = 24;

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
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SubmitSharesStandard decode(WireReader r) throws WireException {
        r.require(PAYLOAD_BYTES);
        int channelId = r.u32();
        int sequenceNumber = r.u32();
        int jobId = r.u32();
        int nonce = r.u32();
        int ntime = r.u32();
        int version = r.u32();
        r.expectEnd();
        return new SubmitSharesStandard(channelId, sequenceNumber, jobId, nonce, ntime, version);
    }
}
