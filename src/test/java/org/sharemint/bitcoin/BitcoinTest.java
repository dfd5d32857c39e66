package org.sharemint.bitcoin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sharemint.crypto.Hashes;

class BitcoinTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Hashes as block explorers print them: the bytes reversed. */
    private static byte[] displayed(String hex) {
        byte[] b = HEX.parseHex(hex);
        for (int i = 0; i < b.length / 2; i++) {
            byte t = b[i];
            b[i] = b[b.length - 1 - i];
            b[b.length - 1 - i] = t;
        }
        return b;
    }

    /** Block 0 of mainnet: the header's layout and its proof of work, against the block everybody knows. */
    @Test
    void genesisBlockHeaderHashesToItsId() {
        byte[] root = displayed("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
        byte[] header = Bitcoin.header(1, new byte[32], root, 1231006505, 0x1d00ffff, 2083236893);
        assertEquals(Bitcoin.HEADER_BYTES, header.length);
        byte[] id = displayed("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
        assertArrayEquals(id, Hashes.sha256d(header));
        byte[] reused = new byte[32];
        MessageDigest sha = Bitcoin.sha256();
        Bitcoin.fillHeader(header, 1, new byte[32], root, 1231006505, 0x1d00ffff, 0);
        Bitcoin.putLe32(header, Bitcoin.NONCE_OFFSET, 2083236893);
        Bitcoin.headerHash(sha, header, reused);
        assertArrayEquals(id, reused, "the allocation-free hash agrees");
        Bitcoin.headerHash(sha, header, reused);
        assertArrayEquals(id, reused, "and again with the same digest");
        assertTrue(Targets.meets(id, Targets.toLe(Targets.fromCompact(0x1d00ffff))), "it meets its own nbits");
        assertEquals(43, Targets.leadingZeroBits(id), "0x000000000019d6...");
    }

    @Test
    void bip34HeightPushIsMinimal() {
        assertEquals("00", HEX.formatHex(Bitcoin.heightPush(0)));
        assertEquals("51", HEX.formatHex(Bitcoin.heightPush(1)));
        assertEquals("60", HEX.formatHex(Bitcoin.heightPush(16)));
        assertEquals("0111", HEX.formatHex(Bitcoin.heightPush(17)));
        assertEquals("0164", HEX.formatHex(Bitcoin.heightPush(100)));
        assertEquals("028000", HEX.formatHex(Bitcoin.heightPush(128)), "sign bit needs a zero byte");
        assertEquals("03a08601", HEX.formatHex(Bitcoin.heightPush(100_000)));
        assertEquals("03b0d20c", HEX.formatHex(Bitcoin.heightPush(840_368)));
    }

    /** The path folded from the coinbase gives the root of the whole tree, odd levels duplicated. */
    @Test
    void merklePathMatchesTheFullTree() {
        Random r = new Random(1);
        for (int n = 0; n <= 9; n++) {
            List<byte[]> txids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] t = new byte[32];
                r.nextBytes(t);
                txids.add(t);
            }
            byte[] cb = new byte[32];
            r.nextBytes(cb);
            List<byte[]> all = new ArrayList<>();
            all.add(cb);
            all.addAll(txids);
            assertArrayEquals(fullRoot(all), Bitcoin.merkleRoot(cb, Bitcoin.merklePathOfFirst(txids)), "n=" + n);
        }
    }

    private static byte[] fullRoot(List<byte[]> level) {
        while (level.size() > 1) {
            if (level.size() % 2 == 1) level.add(level.get(level.size() - 1));
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) next.add(Hashes.sha256d(Bitcoin.concat(level.get(i), level.get(i + 1))));
            level = next;
        }
        return level.get(0);
    }

    @Test
    void coinbaseMerkleRootFoldsTheConcatenatedCoinbase() {
        byte[] prefix = {1, 2, 3}, extranonce = {4, 5}, suffix = {6};
        List<byte[]> path = List.of(new byte[32], HEX.parseHex("11".repeat(32)));
        assertArrayEquals(Bitcoin.merkleRoot(Hashes.sha256d(new byte[] {1, 2, 3, 4, 5, 6}), path),
                Bitcoin.coinbaseMerkleRoot(path, prefix, extranonce, suffix));
    }
}
