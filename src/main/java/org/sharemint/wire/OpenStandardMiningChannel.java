package org.sharemint.wire;

import java.util.Arrays;
import java.util.Objects;

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

    /** Field by field, arrays by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof OpenStandardMiningChannel m
                && requestId == m.requestId
                && Objects.equals(userIdentity, m.userIdentity)
                && Float.compare(nominalHashRate, m.nominalHashRate) == 0
                && Arrays.equals(maxTarget, m.maxTarget);
    }

    @Override
    public int hashCode() {
        int h = 0;
        h = 31 * h + requestId;
        h = 31 * h + Objects.hashCode(userIdentity);
        h = 31 * h + Float.hashCode(nominalHashRate);
        h = 31 * h + Arrays.hashCode(maxTarget);
        return h;
    }

    /** Like the record default, with byte arrays in hex. */
    @Override
    public String toString() {
        return "OpenStandardMiningChannel[" + "requestId=" + requestId + ", "
                + "userIdentity=" + userIdentity + ", "
                + "nominalHashRate=" + nominalHashRate + ", "
                + "maxTarget=" + Fields.hex(maxTarget) + "]";
    }
}
