package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sharemint.crypto.Hashes;

class ShareSourceTest {
    private static final int REGTEST_NBITS = 0x207fffff;

    @Test
    void noncesMeetTheTargetAreNoBlocksAndNeverRepeat() {
        Random r = new Random(1);
        byte[] prev = new byte[32], root = new byte[32];
        r.nextBytes(prev);
        r.nextBytes(root);
        byte[] target = new byte[32];
        Arrays.fill(target, (byte) 0xFF);
        target[31] = (byte) 0xE0; // a little harder than the easiest
        ShareSource s = new ShareSource(0x20000000, prev, root, 1_700_000_000, REGTEST_NBITS, target);
        byte[] network = ShareSource.littleEndian(ShareSource.fromCompact(REGTEST_NBITS));
        s.prepare(500);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 600; i++) { // the last 100 are ground on demand
            int nonce = s.next();
            assertTrue(seen.add(nonce));
            byte[] header = header(0x20000000, prev, root, 1_700_000_000, REGTEST_NBITS, nonce);
            byte[] hash = Hashes.sha256d(header);
            assertArrayEquals(hash, s.hashOf(nonce), "midstate hashing agrees with Hashes.sha256d");
            assertTrue(ShareSource.atMost(hash, target));
            assertFalse(ShareSource.atMost(hash, network), "not a block");
        }
        assertEquals(100, s.groundLate());
    }

    @Test
    void compactTargetOfRegtest() {
        byte[] t = ShareSource.littleEndian(ShareSource.fromCompact(REGTEST_NBITS));
        assertEquals(0x7f, t[31] & 0xFF);
        assertEquals(0xff, t[30] & 0xFF);
        assertEquals(0, t[28]);
    }

    static byte[] header(int version, byte[] prev, byte[] root, int ntime, int nbits, int nonce) {
        byte[] h = new byte[80];
        PlainLink.putLe32(h, 0, version);
        System.arraycopy(prev, 0, h, 4, 32);
        System.arraycopy(root, 0, h, 36, 32);
        PlainLink.putLe32(h, 68, ntime);
        PlainLink.putLe32(h, 72, nbits);
        PlainLink.putLe32(h, 76, nonce);
        return h;
    }
}
