package org.sharemint.wire;

/**
 * CloseChannel (CORE 0x18, channel message): Either side closes a channel.
 *
 * @param channelId channel_id U32
 * @param reasonCode reason_code STR0_255
 */
public record CloseChannel(int channelId, String reasonCode) implements Message {
    public static final int MSG_TYPE = 0x18;

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
        w.str0_255(reasonCode);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static CloseChannel decode(WireReader r) throws WireException {
        int channelId = r.u32();
        String reasonCode = r.str0_255();
        r.expectEnd();
        return new CloseChannel(channelId, reasonCode);
    }
}
