package org.sharemint.bitcoin;

import java.util.List;

/**
 * Work for one block as a node hands it out (getblocktemplate, or an SV2 Template Provider's
 * NewTemplate with SetNewPrevHash), before the pool adds its coinbase. Hashes are in internal
 * byte order (as in the header), not the reversed hex RPC shows.
 *
 * @param id the source's name for it: the TP's template_id, or a counter for getblocktemplate
 * @param prevHash the previous block's hash, raw header bytes
 * @param nbits the compact network target
 * @param curtime the time the node suggests (the job's ntime)
 * @param mintime the earliest ntime the block may have
 * @param coinbaseValue subsidy plus fees, in satoshi
 * @param transactions the block's other transactions, in order
 * @param witnessCommitment the commitment output's scriptPubKey, or null when there is none
 * @param coinbasePrefix the TP's coinbase_prefix, which starts the scriptSig and carries the BIP34
 *     height (the pool then adds no height push of its own); empty from bitcoind
 * @param extraOutputs outputs the source wants last in the coinbase (consensus-serialized, no count), or empty
 * @param extraOutputCount how many outputs {@code extraOutputs} holds
 * @param merklePath the coinbase's merkle path when the source gives it (a TP), else null (computed from the transactions)
 * @param coinbaseVersion the coinbase's nVersion
 * @param coinbaseSequence its input's nSequence
 * @param coinbaseLocktime its nLockTime
 * @param sigopLimit block sigop cost limit
 * @param weightLimit block weight limit
 */
public record BlockTemplate(
        long id,
        int height,
        int version,
        byte[] prevHash,
        int nbits,
        long curtime,
        long mintime,
        long coinbaseValue,
        List<Tx> transactions,
        byte[] witnessCommitment,
        byte[] coinbasePrefix,
        byte[] extraOutputs,
        int extraOutputCount,
        List<byte[]> merklePath,
        int coinbaseVersion,
        int coinbaseSequence,
        int coinbaseLocktime,
        long sigopLimit,
        long weightLimit) {

    /** Bitcoin Core's MAX_BLOCK_WEIGHT and MAX_BLOCK_SIGOPS_COST. */
    public static final long MAX_WEIGHT = 4_000_000;
    public static final long MAX_SIGOPS = 80_000;

    /**
     * One transaction of the template.
     *
     * @param data its serialization (with witness when it has one)
     * @param txid SHA256d of its serialization without witness, internal order
     * @param sigops its sigop cost, -1 when unknown
     * @param weight its weight, -1 when unknown
     */
    public record Tx(byte[] data, byte[] txid, long sigops, long weight) {}

    /** The txids in block order (for the merkle path). */
    public List<byte[]> txids() {
        return transactions.stream().map(Tx::txid).toList();
    }

    /** The coinbase's merkle path: the source's, or computed from the transactions. */
    public List<byte[]> coinbaseMerklePath() {
        return merklePath != null ? merklePath : Bitcoin.merklePathOfFirst(txids());
    }

    /** Whether the block commits to witnesses (a commitment output here or among the source's outputs). */
    public boolean segwit() {
        return witnessCommitment != null || indexOf(extraOutputs, WITNESS_COMMITMENT_HEADER) >= 0;
    }

    /** OP_RETURN, push of 36, then BIP141's 0xaa21a9ed. */
    static final byte[] WITNESS_COMMITMENT_HEADER = {0x6a, 0x24, (byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed};

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) if (data[i + j] != pattern[j]) continue outer;
            return i;
        }
        return -1;
    }
}
