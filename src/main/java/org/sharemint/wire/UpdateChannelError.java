package org.sharemint.wire;

/**
 * UpdateChannel.Error (CORE 0x17, channel message): UpdateChannel was refused.
 *
 * @param channelId channel_id U32
 * @param errorCode error_code STR0_255
 */
public record UpdateChannelError(int channelId, String errorCode) implements Message {
    public static final int MSG_TYPE = 0x17;

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
        w.str0_255(errorCode);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static UpdateChannelError decode(WireReader r) throws WireException {
        int channelId = r.u32();
        String errorCode = r.str0_255();
        r.expectEnd();
        return new UpdateChannelError(channelId, errorCode);
    }
}
