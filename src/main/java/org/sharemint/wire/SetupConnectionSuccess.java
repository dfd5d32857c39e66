package org.sharemint.wire;

/**
 * SetupConnection.Success (CORE 0x01): The server accepts the connection with this version and
 * its own flags.
 *
 * @param usedVersion used_version U16
 * @param flags flags U32
 */
public record SetupConnectionSuccess(int usedVersion, int flags) implements Message {
    public static final int MSG_TYPE = 0x01;
    /** Payload size: every field is fixed-size. */
    public static final int PAYLOAD_BYTES = 6;

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
        w.u16(usedVersion);
        w.u32(flags);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SetupConnectionSuccess decode(WireReader r) throws WireException {
        r.require(PAYLOAD_BYTES);
        int usedVersion = r.u16();
        int flags = r.u32();
        r.expectEnd();
        return new SetupConnectionSuccess(usedVersion, flags);
    }
}
