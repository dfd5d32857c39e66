package org.sharemint.wire;

/**
 * OpenExtendedMiningChannel.Success (CORE 0x14): The extended channel is open: its id, target,
 * extranonce size and prefix.
 *
 * @param requestId request_id U32
 * @param channelId channel_id U32
 * @param target target U256
 * @param extranonceSize extranonce_size U16
 * @param extranoncePrefix extranonce_prefix B0_32
 * @param groupChannelId group_channel_id U32
 */
public record OpenExtendedMiningChannelSuccess(
        int requestId,
        int channelId,
        byte[] target,
        int extranonceSize,
        byte[] extranoncePrefix,
        int groupChannelId) implements Message {
    public static final int MSG_TYPE = 0x14;

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
        w.u16(extranonceSize);
        w.b0_32(extranoncePrefix);
        w.u32(groupChannelId);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static OpenExtendedMiningChannelSuccess decode(WireReader r) throws WireException {
        int requestId = r.u32();
        int channelId = r.u32();
        byte[] target = r.u256();
        int extranonceSize = r.u16();
        byte[] extranoncePrefix = r.b0_32();
        int groupChannelId = r.u32();
        r.expectEnd();
        return new OpenExtendedMiningChannelSuccess(
                requestId, channelId, target, extranonceSize, extranoncePrefix, groupChannelId);
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
