package org.sharemint.wire;

/**
 * OpenMiningChannel.Error (CORE 0x12): Opening a standard or extended channel failed.
 *
 * @param requestId request_id U32
 * @param errorCode error_code STR0_255
 */
public record OpenMiningChannelError(int requestId, String errorCode) implements Message {
    public static final int MSG_TYPE = 0x12;

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
        return false;
    }

    @Override
    public void encode(WireWriter w) {
        w.u32(requestId);
        w.str0_255(errorCode);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static OpenMiningChannelError decode(WireReader r) throws WireException {
        int requestId = r.u32();
        String errorCode = r.str0_255();
        r.expectEnd();
        return new OpenMiningChannelError(requestId, errorCode);
    }
}
