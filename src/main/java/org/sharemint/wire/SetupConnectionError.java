package org.sharemint.wire;

/**
 * SetupConnection.Error (CORE 0x02): The server refuses the connection; flags names the
 * unsupported feature flags.
 *
 * @param flags flags U32
 * @param errorCode error_code STR0_255
 */
public record SetupConnectionError(int flags, String errorCode) implements Message {
    public static final int MSG_TYPE = 0x02;

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
        w.u32(flags);
        w.str0_255(errorCode);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SetupConnectionError decode(WireReader r) throws WireException {
        int flags = r.u32();
        String errorCode = r.str0_255();
        r.expectEnd();
        return new SetupConnectionError(flags, errorCode);
    }
}
