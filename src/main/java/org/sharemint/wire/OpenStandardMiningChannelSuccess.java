package org.sharemint.wire;

/**
 * OpenStandardMiningChannel.Success (CORE 0x11): The standard channel is open: its id, initial
 * target and extranonce prefix.
 *
 * @param requestId request_id U32
 * @param channelId channel_id U32
 * @param target target U256
 * @param extranoncePrefix extranonce_prefix B0_32
 * @param groupChannelId group_channel_id U32
 */
public record OpenStandardMiningChannelSuccess(
        int requestId,
        int channelId,
        byte[] target,
        byte[] extranoncePrefix,
        int groupChannelId) implements Message {
    public static final int MSG_TYPE = 0x11;

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
        w.u32(channelId);
        w.u256(target);
        w.b0_32(extranoncePrefix);
        w.u32(groupChannelId);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static OpenStandardMiningChannelSuccess decode(WireReader r) throws WireException {
        int requestId = r.u32();
        int channelId = r.u32();
        byte[] target = r.u256();
        byte[] extranoncePrefix = r.b0_32();
        int groupChannelId = r.u32();
        r.expectEnd();
        return new OpenStandardMiningChannelSuccess(
                requestId, channelId, target, extranoncePrefix, groupChannelId);
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
