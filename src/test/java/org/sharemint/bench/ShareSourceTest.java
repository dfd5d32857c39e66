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
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.Targets;
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
        byte[] network = Targets.toLe(Targets.fromCompact(REGTEST_NBITS));
        s.prepare(500);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 600; i++) { // the last 100 are ground on demand
            int nonce = s.next();
            assertTrue(seen.add(nonce));
            byte[] header = Bitcoin.header(0x20000000, prev, root, 1_700_000_000, REGTEST_NBITS, nonce);
            byte[] hash = Hashes.sha256d(header);
            assertArrayEquals(hash, s.hashOf(nonce), "midstate hashing agrees with Hashes.sha256d");
            assertTrue(Targets.meets(hash, target));
            assertFalse(Targets.meets(hash, network), "not a block");
        }
        assertEquals(100, s.groundLate());
    }

    @Test
    void compactTargetOfRegtest() {
        byte[] t = Targets.toLe(Targets.fromCompact(REGTEST_NBITS));
        assertEquals(0x7f, t[31] & 0xFF);
        assertEquals(0xff, t[30] & 0xFF);
        assertEquals(0, t[28]);
    }
}
