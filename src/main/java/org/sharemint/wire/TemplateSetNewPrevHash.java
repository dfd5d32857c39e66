package org.sharemint.wire;

/**
 * SetNewPrevHash of the Template Distribution Protocol (0x72, TP to client; the mining
 * protocol's SetNewPrevHash is {@link SetNewPrevHash}): a new best block, and the future
 * template to mine on it.
 *
 * @param templateId template_id U64
 * @param prevHash prev_hash U256, as in the next header
 * @param headerTimestamp header_timestamp U32
 * @param nbits nBits U32
 * @param target target U256: a hash at or below it is a block
 */
public record TemplateSetNewPrevHash(
        long templateId,
        byte[] prevHash,
        int headerTimestamp,
        int nbits,
        byte[] target) implements Message {
    public static final int MSG_TYPE = 0x72;

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
        w.u256(prevHash);
        w.u32(headerTimestamp);
        w.u32(nbits);
        w.u256(target);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static TemplateSetNewPrevHash decode(WireReader r) throws WireException {
        long templateId = r.u64();
        byte[] prevHash = r.u256();
        int headerTimestamp = r.u32();
        int nbits = r.u32();
        byte[] target = r.u256();
        r.expectEnd();
        return new TemplateSetNewPrevHash(templateId, prevHash, headerTimestamp, nbits, target);
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
