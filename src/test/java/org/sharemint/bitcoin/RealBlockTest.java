package org.sharemint.bitcoin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharemint.crypto.Hashes;

/** Mainnet block 100000: the pool's merkle path, header and block serialization reproduce the real block. */
class RealBlockTest {
    static final String HASH = "000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506";
    static final String ROOT = "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766";

    static byte[] raw() throws Exception {
        try (InputStream in = RealBlockTest.class.getResourceAsStream("/blocks/block100000.hex")) {
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }

    @Test
    void theTransactionsOfBlock100000GiveItsMerkleRootAndHash() throws Exception {
        byte[] raw = raw();
        BlockReader.Block b = BlockReader.read(raw);
        assertEquals(4, b.txs().size());
        assertEquals(HASH, HexFormat.of().formatHex(BlockReader.reversed(b.hash())), "the stored bytes are block 100000");

        // a template of the three non-coinbase transactions, as getblocktemplate would list them
        List<byte[]> txids = new ArrayList<>();
        for (int i = 1; i < 4; i++) txids.add(b.txs().get(i).txid());
        List<byte[]> path = Bitcoin.merklePathOfFirst(txids);
        byte[] root = Bitcoin.merkleRoot(b.txs().get(0).txid(), path);
        assertEquals(ROOT, HexFormat.of().formatHex(BlockReader.reversed(root)));

        byte[] header = Bitcoin.header(b.version(), b.prevHash(), root, b.time(), b.bits(), b.nonce());
        assertEquals(HASH, HexFormat.of().formatHex(BlockReader.reversed(Hashes.sha256d(header))));
        assertEquals(true, Targets.meets(Hashes.sha256d(header), Targets.toLe(Targets.fromCompact(b.bits()))));
    }

    @Test
    void blocksSerializesTheRealBlockByteForByte() throws Exception {
        byte[] raw = raw();
        // split the raw block into its transactions by their serialized lengths, as a template carries them
        int coinbaseLength = 135; // 4 version + 1 + 36 + 1 + 8 scriptSig + 4 + 1 + 8 + 1 + 67 + 4
        byte[] coinbase = java.util.Arrays.copyOfRange(raw, 81, 81 + coinbaseLength);
        assertArrayEquals(BlockReader.read(raw).txs().get(0).txid(), Hashes.sha256d(coinbase));
        List<BlockTemplate.Tx> txs = new ArrayList<>();
        int off = 81 + coinbaseLength;
        for (int[] len : new int[][] {{259}, {257}, {225}}) {
            byte[] data = java.util.Arrays.copyOfRange(raw, off, off + len[0]);
            txs.add(new BlockTemplate.Tx(data, Hashes.sha256d(data), -1, -1));
            off += len[0];
        }
        assertEquals(raw.length, off);
        byte[] block = Blocks.serialize(java.util.Arrays.copyOf(raw, 80), Coinbase.blockForm(coinbase, false), txs);
        assertArrayEquals(raw, block);
    }
}
