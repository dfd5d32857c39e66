package org.sharemint.wire;

import java.util.List;

/**
 * RequestTransactionData.Success (Template Distribution 0x74, TP to client): a template's transactions
 * as opaque blobs, in block order.
 *
 * @param templateId template_id U64
 * @param excessData excess_data B0_64K
 * @param transactionList transaction_list SEQ0_64K[B0_16M]
 */
public record RequestTransactionDataSuccess(
        long templateId,
        byte[] excessData,
        List<byte[]> transactionList) implements Message {
    public static final int MSG_TYPE = 0x74;

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
        w.b0_64k(excessData);
        w.u16(transactionList.size());
        for (byte[] t : transactionList) w.b0_16m(t);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static RequestTransactionDataSuccess decode(WireReader r) throws WireException {
        long templateId = r.u64();
        byte[] excessData = r.b0_64k();
        int count = r.u16();
        // each entry takes at least its 3-byte length: bounds before allocation
        if (count * 3L > r.remaining()) throw new WireException("transaction_list: " + count + " entries cannot fit " + r.remaining() + " bytes");
        List<byte[]> transactionList = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) transactionList.add(r.b0_16m());
        r.expectEnd();
        return new RequestTransactionDataSuccess(templateId, excessData, List.copyOf(transactionList));
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
