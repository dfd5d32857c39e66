package org.sharemint.wire;

/**
 * CoinbaseOutputConstraints (Template Distribution 0x70, client to TP): the room the pool's coinbase outputs take,
 * sent once after SetupConnection.
 *
 * @param maxAdditionalSize coinbase_output_max_additional_size U32: serialized bytes of the outputs the pool adds
 * @param maxAdditionalSigops coinbase_output_max_additional_sigops U16: their sigops
 */
public record CoinbaseOutputConstraints(
        int maxAdditionalSize,
        int maxAdditionalSigops) implements Message {
    public static final int MSG_TYPE = 0x70;

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
        w.u32(maxAdditionalSize);
        w.u16(maxAdditionalSigops);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static CoinbaseOutputConstraints decode(WireReader r) throws WireException {
        int maxAdditionalSize = r.u32();
        int maxAdditionalSigops = r.u16();
        r.expectEnd();
        return new CoinbaseOutputConstraints(maxAdditionalSize, maxAdditionalSigops);
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
