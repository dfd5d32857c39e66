package org.sharemint.wire;

/**
 * SubmitShares.Error (CORE 0x1d, channel message): One submitted share was rejected.
 *
 * @param channelId channel_id U32
 * @param sequenceNumber sequence_number U32
 * @param errorCode error_code STR0_255
 */
public record SubmitSharesError(int channelId, int sequenceNumber, String errorCode) implements Message {
    public static final int MSG_TYPE = 0x1d;

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
        w.str0_255(errorCode);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SubmitSharesError decode(WireReader r) throws WireException {
        int channelId = r.u32();
        int sequenceNumber = r.u32();
        String errorCode = r.str0_255();
        r.expectEnd();
        return new SubmitSharesError(channelId, sequenceNumber, errorCode);
    }
}
