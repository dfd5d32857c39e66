package org.sharemint.wire;

/**
 * ShareQuote (EHASH 0x01, channel message): sharemint ehash: the mint quote paying one accepted
 * share; sent before the SubmitShares.Success covering it.
 *
 * @param channelId channel_id U32
 * @param sequenceNumber sequence_number U32
 * @param shareHash share_hash U256
 * @param quoteId quote_id STR0_255
 * @param keysetId keyset_id B0_255
 * @param amount amount U64
 */
public record ShareQuote(
        int channelId,
        int sequenceNumber,
        byte[] shareHash,
        String quoteId,
        byte[] keysetId,
        long amount) implements Message {
    public static final int MSG_TYPE = 0x01;

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
        return true;
    }

    @Override
    public void encode(WireWriter w) {
        w.u32(channelId);
        w.u32(sequenceNumber);
        w.u256(shareHash);
        w.str0_255(quoteId);
        w.b0_255(keysetId);
        w.u64(amount);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static ShareQuote decode(WireReader r) throws WireException {
        int channelId = r.u32();
        int sequenceNumber = r.u32();
        byte[] shareHash = r.u256();
        String quoteId = r.str0_255();
        byte[] keysetId = r.b0_255();
        long amount = r.u64();
        r.expectEnd();
        return new ShareQuote(channelId, sequenceNumber, shareHash, quoteId, keysetId, amount);
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
