package org.sharemint.wire;

/**
 * SubmitShares.Success (CORE 0x1c, channel message): Acknowledges a batch of shares up to
 * lastSequenceNumber; count and sum cover that batch only.
 *
 * @param channelId channel_id U32
 * @param lastSequenceNumber last_sequence_number U32
 * @param newSubmitsAcceptedCount new_submits_accepted_count U32
 * @param newSharesSum new_shares_sum U64
 */
public record SubmitSharesSuccess(
        int channelId,
        int lastSequenceNumber,
        int newSubmitsAcceptedCount,
        long newSharesSum) implements Message {
    public static final int MSG_TYPE = 0x1c;
    /** Payload size: every field is fixed-size. */
    public static final int PAYLOAD_BYTES = 20;

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
        return true;
    }

    @Override
    public void encode(WireWriter w) {
        w.u32(channelId);
        w.u32(lastSequenceNumber);
        w.u32(newSubmitsAcceptedCount);
        w.u64(newSharesSum);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static SubmitSharesSuccess decode(WireReader r) throws WireException {
        r.require(PAYLOAD_BYTES);
        int channelId = r.u32();
        int lastSequenceNumber = r.u32();
        int newSubmitsAcceptedCount = r.u32();
        long newSharesSum = r.u64();
        r.expectEnd();
        return new SubmitSharesSuccess(channelId, lastSequenceNumber, newSubmitsAcceptedCount, newSharesSum);
    }
}
