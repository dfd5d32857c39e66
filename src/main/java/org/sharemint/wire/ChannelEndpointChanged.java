package org.sharemint.wire;

/**
 * ChannelEndpointChanged (CORE 0x03, channel message): The channel moved to another upstream
 * endpoint.
 *
 * @param channelId channel_id U32
 */
public record ChannelEndpointChanged(int channelId) implements Message {
    public static final int MSG_TYPE = 0x03;
    /** Payload size: every field is fixed-size. */
    public static final int PAYLOAD_BYTES = 4;

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
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static ChannelEndpointChanged decode(WireReader r) throws WireException {
        r.require(PAYLOAD_BYTES);
        int channelId = r.u32();
        r.expectEnd();
        return new ChannelEndpointChanged(channelId);
    }
}
