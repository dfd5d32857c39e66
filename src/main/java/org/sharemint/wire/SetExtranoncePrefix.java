package org.sharemint.wire;

/**
 * SetExtranoncePrefix (CORE 0x19, channel message): Replaces the channel's extranonce prefix for
 * jobs sent after it.
 *
 * @param channelId channel_id U32
 * @param extranoncePrefix extranonce_prefix B0_32
 */
public record SetExtranoncePrefix(int channelId, byte[] extranoncePrefix) implements Message {
    public static final int MSG_TYPE = 0x19;

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
        w.b0_32(extranoncePrefix);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SetExtranoncePrefix decode(WireReader r) throws WireException {
        int channelId = r.u32();
        byte[] extranoncePrefix = r.b0_32();
        r.expectEnd();
        return new SetExtranoncePrefix(channelId, extranoncePrefix);
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
