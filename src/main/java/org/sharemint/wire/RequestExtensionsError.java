package org.sharemint.wire;

/**
 * RequestExtensions.Error (NEGOTIATION 0x02): Requested extensions the server does not support,
 * and those it requires.
 *
 * @param requestId request_id U16
 * @param unsupportedExtensions unsupported_extensions SEQ0_64K[U16]
 * @param requiredExtensions required_extensions SEQ0_64K[U16]
 */
public record RequestExtensionsError(
        int requestId,
        int[] unsupportedExtensions,
        int[] requiredExtensions) implements Message {
    public static final int MSG_TYPE = 0x02;

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
        w.seq0_64kU16(unsupportedExtensions);
        w.seq0_64kU16(requiredExtensions);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static RequestExtensionsError decode(WireReader r) throws WireException {
        int requestId = r.u16();
        int[] unsupportedExtensions = r.seq0_64kU16();
        int[] requiredExtensions = r.seq0_64kU16();
        r.expectEnd();
        return new RequestExtensionsError(requestId, unsupportedExtensions, requiredExtensions);
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
