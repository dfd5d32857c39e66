package org.sharemint.wire;

import java.util.Arrays;
import java.util.Objects;

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

    /** Field by field, arrays by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof OpenStandardMiningChannelSuccess m
                && requestId == m.requestId
                && channelId == m.channelId
                && Arrays.equals(target, m.target)
                && Arrays.equals(extranoncePrefix, m.extranoncePrefix)
                && groupChannelId == m.groupChannelId;
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + requestId;
        h = 31 * h + channelId;
        h = 31 * h + Arrays.hashCode(target);
        h = 31 * h + Arrays.hashCode(extranoncePrefix);
        h = 31 * h + groupChannelId;
        return h;
    }

    /** Like the record default, with byte arrays in hex. */
    @Override
    public String toString() {
        return "OpenStandardMiningChannelSuccess[" + "requestId=" + requestId + ", "
                + "channelId=" + channelId + ", "
                + "target=" + Fields.hex(target) + ", "
                + "extranoncePrefix=" + Fields.hex(extranoncePrefix) + ", "
                + "groupChannelId=" + groupChannelId + "]";
    }
}
