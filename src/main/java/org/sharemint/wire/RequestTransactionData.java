package org.sharemint.wire;

/**
 * RequestTransactionData (Template Distribution 0x73, client to TP): the transactions of a template.
 *
 * @param templateId template_id U64
 */
public record RequestTransactionData(
        long templateId) implements Message {
    public static final int MSG_TYPE = 0x73;

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
        w.u64(templateId);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static RequestTransactionData decode(WireReader r) throws WireException {
        long templateId = r.u64();
        r.expectEnd();
        return new RequestTransactionData(templateId);
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
