package org.sharemint.wire;

/**
 * RequestExtensions (NEGOTIATION 0x00): Client asks for optional protocol extensions (for
 * sharemint: Extensions.EHASH).
 *
 * @param requestId request_id U16
 * @param requestedExtensions requested_extensions SEQ0_64K[U16]
 */
public record RequestExtensions(int requestId, int[] requestedExtensions) implements Message {
    public static final int MSG_TYPE = 0x00;

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
        w.seq0_64kU16(requestedExtensions);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static RequestExtensions decode(WireReader r) throws WireException {
        int requestId = r.u16();
        int[] requestedExtensions = r.seq0_64kU16();
        r.expectEnd();
        return new RequestExtensions(requestId, requestedExtensions);
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
