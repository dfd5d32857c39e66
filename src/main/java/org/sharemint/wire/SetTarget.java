package org.sharemint.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * SetTarget (CORE 0x21, channel message): A new maximum target for the channel.
 *
 * @param channelId channel_id U32
 * @param maximumTarget maximum_target U256
 */
public record SetTarget(int channelId, byte[] maximumTarget) implements Message {
    public static final int MSG_TYPE = 0x21;
    /** Payload size: every field is fixed-size. */
    public static final int PAYLOAD_BYTES = 36;

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
        w.u256(maximumTarget);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SetTarget decode(WireReader r) throws WireException {
        r.require(PAYLOAD_BYTES);
        int channelId = r.u32();
        byte[] maximumTarget = r.u256();
        r.expectEnd();
        return new SetTarget(channelId, maximumTarget);
    }

    /** Field by field, arrays by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SetTarget m
                && channelId == m.channelId
                && Arrays.equals(maximumTarget, m.maximumTarget);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + channelId;
        h = 31 * h + Arrays.hashCode(maximumTarget);
        return h;
    }

    /** Like the record default, with byte arrays in hex. */
    @Override
    public String toString() {
        return "SetTarget[" + "channelId=" + channelId + ", "
                + "maximumTarget=" + Fields.hex(maximumTarget) + "]";
    }
}
