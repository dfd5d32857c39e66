package org.sharemint.wire;

/**
 * Reconnect (CORE 0x04): Asks the client to reconnect, to another host when newHost is not empty.
 *
 * @param newHost new_host STR0_255
 * @param newPort new_port U16
 */
public record Reconnect(String newHost, int newPort) implements Message {
    public static final int MSG_TYPE = 0x04;

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
        w.str0_255(newHost);
        w.u16(newPort);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static Reconnect decode(WireReader r) throws WireException {
        String newHost = r.str0_255();
        int newPort = r.u16();
        r.expectEnd();
        return new Reconnect(newHost, newPort);
    }
}
