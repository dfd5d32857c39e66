package org.sharemint.wire;

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
