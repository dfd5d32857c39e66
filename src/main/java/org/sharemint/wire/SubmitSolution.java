package org.sharemint.wire;

/**
 * SubmitSolution (Template Distribution 0x76, client to TP): a block found on a template; the TP
 * builds and broadcasts it.
 *
 * @param templateId template_id U64
 * @param version version U32 (header)
 * @param headerTimestamp header_timestamp U32
 * @param headerNonce header_nonce U32
 * @param coinbaseTx coinbase_tx B0_64K: the full serialized coinbase
 */
public record SubmitSolution(
        long templateId,
        int version,
        int headerTimestamp,
        int headerNonce,
        byte[] coinbaseTx) implements Message {
    public static final int MSG_TYPE = 0x76;

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
        w.u32(version);
        w.u32(headerTimestamp);
        w.u32(headerNonce);
        w.b0_64k(coinbaseTx);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SubmitSolution decode(WireReader r) throws WireException {
        long templateId = r.u64();
        int version = r.u32();
        int headerTimestamp = r.u32();
        int headerNonce = r.u32();
        byte[] coinbaseTx = r.b0_64k();
        r.expectEnd();
        return new SubmitSolution(templateId, version, headerTimestamp, headerNonce, coinbaseTx);
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
