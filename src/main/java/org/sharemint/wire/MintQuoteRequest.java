package org.sharemint.wire;

/**
 * MintQuoteRequest (EHASH 0x10): Mint link, pool to mint: create a quote for this share unless
 * the deadline has passed.
 *
 * @param requestId request_id U32
 * @param shareHash share_hash U256
 * @param amount amount U64
 * @param unit unit STR0_255
 * @param lockingKey locking_key B0_255
 * @param deadlineUnixMs deadline_unix_ms U64
 */
public record MintQuoteRequest(
        int requestId,
        byte[] shareHash,
        long amount,
        String unit,
        byte[] lockingKey,
        long deadlineUnixMs) implements Message {
    public static final int MSG_TYPE = 0x10;

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
        w.u256(shareHash);
        w.u64(amount);
        w.str0_255(unit);
        w.b0_255(lockingKey);
        w.u64(deadlineUnixMs);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static MintQuoteRequest decode(WireReader r) throws WireException {
        int requestId = r.u32();
        byte[] shareHash = r.u256();
        long amount = r.u64();
        String unit = r.str0_255();
        byte[] lockingKey = r.b0_255();
        long deadlineUnixMs = r.u64();
        r.expectEnd();
        return new MintQuoteRequest(requestId, shareHash, amount, unit, lockingKey, deadlineUnixMs);
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
