package org.sharemint.wire;

/**
 * UpdateChannel (CORE 0x16, channel message): The client reports a new hash rate and maximum
 * target for the channel.
 *
 * @param channelId channel_id U32
 * @param nominalHashRate nominal_hash_rate F32
 * @param maximumTarget maximum_target U256
 */
public record UpdateChannel(int channelId, float nominalHashRate, byte[] maximumTarget) implements Message {
    public static final int MSG_TYPE = 0x16;
    /** Payload size: every field is fixed-size. */
    public static final int PAYLOAD_BYTES = 40;

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
        w.f32(nominalHashRate);
        w.u256(maximumTarget);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static UpdateChannel decode(WireReader r) throws WireException {
        r.require(PAYLOAD_BYTES);
        int channelId = r.u32();
        float nominalHashRate = r.f32();
        byte[] maximumTarget = r.u256();
        r.expectEnd();
        return new UpdateChannel(channelId, nominalHashRate, maximumTarget);
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
