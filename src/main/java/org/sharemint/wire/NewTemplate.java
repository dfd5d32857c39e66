package org.sharemint.wire;

import java.util.List;

/**
 * NewTemplate (Template Distribution 0x71, TP to client): work for the next block, without the
 * pool's outputs; coinbaseTxOutputs are consensus-serialized outputs (no count prefix) that go
 * last in the coinbase, the witness commitment among them.
 *
 * @param templateId template_id U64
 * @param futureTemplate future_template BOOL: for the next SetNewPrevHash, not the current prev hash
 * @param version version U32
 * @param coinbaseTxVersion coinbase_tx_version U32
 * @param coinbasePrefix coinbase_prefix B0_255: bytes at the start of the scriptSig (after the BIP34 height)
 * @param coinbaseTxInputSequence coinbase_tx_input_sequence U32
 * @param coinbaseTxValueRemaining coinbase_tx_value_remaining U64: satoshi left for the pool's outputs
 * @param coinbaseTxOutputsCount coinbase_tx_outputs_count U32
 * @param coinbaseTxOutputs coinbase_tx_outputs B0_64K
 * @param coinbaseTxLocktime coinbase_tx_locktime U32
 * @param merklePath merkle_path SEQ0_255[U256], deepest first
 */
public record NewTemplate(
        long templateId,
        boolean futureTemplate,
        int version,
        int coinbaseTxVersion,
        byte[] coinbasePrefix,
        int coinbaseTxInputSequence,
        long coinbaseTxValueRemaining,
        int coinbaseTxOutputsCount,
        byte[] coinbaseTxOutputs,
        int coinbaseTxLocktime,
        List<byte[]> merklePath) implements Message {
    public static final int MSG_TYPE = 0x71;

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
        w.bool(futureTemplate);
        w.u32(version);
        w.u32(coinbaseTxVersion);
        w.b0_255(coinbasePrefix);
        w.u32(coinbaseTxInputSequence);
        w.u64(coinbaseTxValueRemaining);
        w.u32(coinbaseTxOutputsCount);
        w.b0_64k(coinbaseTxOutputs);
        w.u32(coinbaseTxLocktime);
        w.seq0_255U256(merklePath);
    }

    /** Reads the fields in order and rejects trailing bytes. */
    public static NewTemplate decode(WireReader r) throws WireException {
        long templateId = r.u64();
        boolean futureTemplate = r.bool();
        int version = r.u32();
        int coinbaseTxVersion = r.u32();
        byte[] coinbasePrefix = r.b0_255();
        int coinbaseTxInputSequence = r.u32();
        long coinbaseTxValueRemaining = r.u64();
        int coinbaseTxOutputsCount = r.u32();
        byte[] coinbaseTxOutputs = r.b0_64k();
        int coinbaseTxLocktime = r.u32();
        List<byte[]> merklePath = r.seq0_255U256();
        r.expectEnd();
        return new NewTemplate(templateId, futureTemplate, version, coinbaseTxVersion, coinbasePrefix, coinbaseTxInputSequence,
                coinbaseTxValueRemaining, coinbaseTxOutputsCount, coinbaseTxOutputs, coinbaseTxLocktime, merklePath);
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
