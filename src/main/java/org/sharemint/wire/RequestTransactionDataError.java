package org.sharemint.wire;

/**
 * RequestTransactionData.Error (Template Distribution 0x75, TP to client).
 *
 * @param templateId template_id U64
 * @param errorCode error_code STR0_255 (template-id-not-found, stale-template-id)
 */
public record RequestTransactionDataError(
        long templateId,
        String errorCode) implements Message {
    public static final int MSG_TYPE = 0x75;

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
        w.str0_255(errorCode);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static RequestTransactionDataError decode(WireReader r) throws WireException {
        long templateId = r.u64();
        String errorCode = r.str0_255();
        r.expectEnd();
        return new RequestTransactionDataError(templateId, errorCode);
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
