package org.sharemint.wire;

/**
 * SetGroupChannel (CORE 0x25): Puts channels into a group channel.
 *
 * @param groupChannelId group_channel_id U32
 * @param channelIds channel_ids SEQ0_64K[U32]
 */
public record SetGroupChannel(int groupChannelId, int[] channelIds) implements Message {
    public static final int MSG_TYPE = 0x25;

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
        w.u32(groupChannelId);
        w.seq0_64kU32(channelIds);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SetGroupChannel decode(WireReader r) throws WireException {
        int groupChannelId = r.u32();
        int[] channelIds = r.seq0_64kU32();
        r.expectEnd();
        return new SetGroupChannel(groupChannelId, channelIds);
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
