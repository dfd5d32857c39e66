package org.sharemint.wire;

/**
 * RequestExtensions.Success (NEGOTIATION 0x01): The extensions the server agrees to use on this
 * connection.
 *
 * @param requestId request_id U16
 * @param supportedExtensions supported_extensions SEQ0_64K[U16]
 */
public record RequestExtensionsSuccess(int requestId, int[] supportedExtensions) implements Message {
    public static final int MSG_TYPE = 0x01;

    @Override
    public int extension() {
        return Extensions.NEGOTIATION;
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
        w.u16(requestId);
        w.seq0_64kU16(supportedExtensions);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static RequestExtensionsSuccess decode(WireReader r) throws WireException {
        int requestId = r.u16();
        int[] supportedExtensions = r.seq0_64kU16();
        r.expectEnd();
        return new RequestExtensionsSuccess(requestId, supportedExtensions);
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
