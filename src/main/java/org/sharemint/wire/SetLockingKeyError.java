package org.sharemint.wire;

/**
 * SetLockingKey.Error (EHASH 0x03, channel message): sharemint ehash: SetLockingKey was refused.
 *
 * @param channelId channel_id U32
 * @param errorCode error_code STR0_255
 */
public record SetLockingKeyError(int channelId, String errorCode) implements Message {
    public static final int MSG_TYPE = 0x03;

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
        w.str0_255(errorCode);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SetLockingKeyError decode(WireReader r) throws WireException {
        int channelId = r.u32();
        String errorCode = r.str0_255();
        r.expectEnd();
        return new SetLockingKeyError(channelId, errorCode);
    }
}
