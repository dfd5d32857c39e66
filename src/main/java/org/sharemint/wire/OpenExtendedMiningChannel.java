package org.sharemint.wire;

/**
 * OpenExtendedMiningChannel (CORE 0x13): Opens an extended channel (the client rolls its own
 * extranonce).
 *
 * @param requestId request_id U32
 * @param userIdentity user_identity STR0_255
 * @param nominalHashRate nominal_hash_rate F32
 * @param maxTarget max_target U256
 * @param minExtranonceSize min_extranonce_size U16
 */
public record OpenExtendedMiningChannel(
        int requestId,
        String userIdentity,
        float nominalHashRate,
        byte[] maxTarget,
        int minExtranonceSize) implements Message {
    public static final int MSG_TYPE = 0x13;

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
        w.u16(minExtranonceSize);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static OpenExtendedMiningChannel decode(WireReader r) throws WireException {
        int requestId = r.u32();
        String userIdentity = r.str0_255();
        float nominalHashRate = r.f32();
        byte[] maxTarget = r.u256();
        int minExtranonceSize = r.u16();
        r.expectEnd();
        return new OpenExtendedMiningChannel(
                requestId, userIdentity, nominalHashRate, maxTarget, minExtranonceSize);
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
