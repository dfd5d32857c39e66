package org.sharemint.wire;

import java.util.Arrays;
import java.util.Objects;

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

    /** Field by field, arrays by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SetGroupChannel m
                && groupChannelId == m.groupChannelId
                && Arrays.equals(channelIds, m.channelIds);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + groupChannelId;
        h = 31 * h + Arrays.hashCode(channelIds);
        return h;
    }

    /** Like the record default, with byte arrays in hex. */
    @Override
    public String toString() {
        return "SetGroupChannel[" + "groupChannelId=" + groupChannelId + ", "
                + "channelIds=" + Arrays.toString(channelIds) + "]";
    }
}
