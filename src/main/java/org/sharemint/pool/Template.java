package org.sharemint.pool;

import java.util.List;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.BlockTemplate;

/**
 * One job of the pool, shared by every channel: the block it builds on and its coinbase split
 * around the extranonce. A template with {@code newBlock} set is sent as a future job followed
 * by SetNewPrevHash; any other as a job with min_ntime set, active at once.
 *
 * @param jobId pool-wide job id (increasing, never reused while the pool runs)
 * @param epoch which prev hash this job builds on (increases by one per block)
 * @param prevHash header prev hash, raw U256 bytes
 * @param ntime the job's min_ntime
 * @param coinbasePrefix coinbase bytes before the extranonce
 * @param coinbaseSuffix coinbase bytes after it
 * @param merklePath siblings of the coinbase, deepest first
 * @param networkTarget the target nbits encodes, as U256 little-endian bytes
 * @param block the node's template this job was built from (transactions, witness flag), null on the synthetic chain
 */
record Template(
        int jobId,
        long epoch,
        int height,
        byte[] prevHash,
        int version,
        int nbits,
        int ntime,
        byte[] coinbasePrefix,
        byte[] coinbaseSuffix,
        List<byte[]> merklePath,
        boolean newBlock,
        byte[] networkTarget,
        BlockTemplate block) {

    /** Merkle root of this job for a full extranonce (channel prefix + the miner's part). */
    byte[] merkleRoot(byte[] extranoncePrefix, byte[] extranonce) {
        return Bitcoin.coinbaseMerkleRoot(merklePath, coinbasePrefix, extranoncePrefix, extranonce, coinbaseSuffix);
    }
}
