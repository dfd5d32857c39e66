package org.sharemint.wire;

/**
 * OpenStandardMiningChannel (CORE 0x10): Opens a standard (header-only) channel for one user
 * identity.
 *
 * @param requestId request_id U32
 * @param userIdentity user_identity STR0_255
 * @param nominalHashRate nominal_hash_rate F32
 * @param maxTarget max_target U256
 */
public record OpenStandardMiningChannel(
        int requestId,
        String userIdentity,
        float nominalHashRate,
        byte[] maxTarget) implements Message {
    public static final int MSG_TYPE = 0x10;

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
        w.str0_255(userIdentity);
        w.f32(nominalHashRate);
        w.u256(maxTarget);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static OpenStandardMiningChannel decode(WireReader r) throws WireException {
        int requestId = r.u32();
        String userIdentity = r.str0_255();
        float nominalHashRate = r.f32();
        byte[] maxTarget = r.u256();
        r.expectEnd();
        return new OpenStandardMiningChannel(requestId, userIdentity, nominalHashRate, maxTarget);
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
