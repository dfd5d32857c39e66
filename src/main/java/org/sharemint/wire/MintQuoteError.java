package org.sharemint.wire;

/**
 * MintQuoteError (EHASH 0x12): Mint link, mint to pool: no quote for requestId, and why.
 *
 * @param requestId request_id U32
 * @param errorCode error_code STR0_255
 */
public record MintQuoteError(int requestId, String errorCode) implements Message {
    public static final int MSG_TYPE = 0x12;

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
        w.str0_255(errorCode);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static MintQuoteError decode(WireReader r) throws WireException {
        int requestId = r.u32();
        String errorCode = r.str0_255();
        r.expectEnd();
        return new MintQuoteError(requestId, errorCode);
    }
}
