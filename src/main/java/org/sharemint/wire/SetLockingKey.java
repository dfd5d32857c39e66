package org.sharemint.wire;

/**
 * SetLockingKey (EHASH 0x02, channel message): sharemint ehash: the 33-byte compressed secp256k1
 * key that locks the quotes of this channel.
 *
 * @param channelId channel_id U32
 * @param lockingKey locking_key B0_255
 */
public record SetLockingKey(int channelId, byte[] lockingKey) implements Message {
    public static final int MSG_TYPE = 0x02;

    @Override
    public int extension() {
        return Extensions.EHASH;
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
        w.b0_255(lockingKey);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SetLockingKey decode(WireReader r) throws WireException {
        int channelId = r.u32();
        byte[] lockingKey = r.b0_255();
        r.expectEnd();
        return new SetLockingKey(channelId, lockingKey);
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
