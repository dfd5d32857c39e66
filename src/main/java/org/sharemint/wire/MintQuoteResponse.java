package org.sharemint.wire;

/**
 * MintQuoteResponse (EHASH 0x11): Mint link, mint to pool: the quote created for requestId.
 *
 * @param requestId request_id U32
 * @param quoteId quote_id STR0_255
 * @param keysetId keyset_id B0_255
 * @param amount amount U64
 */
public record MintQuoteResponse(
        int requestId,
        String quoteId,
        byte[] keysetId,
        long amount) implements Message {
    public static final int MSG_TYPE = 0x11;

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
        return false;
    }

    @Override
    public void encode(WireWriter w) {
        w.u32(requestId);
        w.str0_255(quoteId);
        w.b0_255(keysetId);
        w.u64(amount);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static MintQuoteResponse decode(WireReader r) throws WireException {
        int requestId = r.u32();
        String quoteId = r.str0_255();
        byte[] keysetId = r.b0_255();
        long amount = r.u64();
        r.expectEnd();
        return new MintQuoteResponse(requestId, quoteId, keysetId, amount);
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
