package org.sharemint.miner;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.sharemint.crypto.Hashes;

class HashEngineTest {
    /** A target that one header in about 256 meets: top byte (little-endian: the last) zero. */
    static byte[] easyTarget() {
        byte[] t = new byte[32];
        java.util.Arrays.fill(t, (byte) 0xFF);
        t[31] = 0;
        return t;
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (seed * 31 + i);
        return b;
    }

    /** The 80-byte header as wire.md lays it out, built here independently of Headers. */
    static byte[] header(int version, byte[] prev, byte[] root, int ntime, int nbits, int nonce) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(80).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(version).put(prev).put(root).putInt(ntime).putInt(nbits).putInt(nonce);
        return b.array();
    }

    static boolean meets(byte[] hashLe, byte[] targetLe) {
        return new java.math.BigInteger(1, reverse(hashLe)).compareTo(new java.math.BigInteger(1, reverse(targetLe))) <= 0;
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }

    @Test
    void standardSharesMeetTheTargetAndHashTheHeaderTheyName() throws Exception {
        ConcurrentLinkedQueue<HashEngine.Share> found = new ConcurrentLinkedQueue<>();
        LongAdder hashes = new LongAdder();
        byte[] prev = bytes(32, 1), root = bytes(32, 2);
        Work w = new Work(1, 7, 3, 0x20000000, prev, 0x1d00ffff, 1_700_000_000, easyTarget(), root, null);
        try (HashEngine engine = new HashEngine(2, found::add, hashes)) {
            engine.setWork(w);
            await().atMost(Duration.ofSeconds(20)).until(() -> found.size() >= 40);
            engine.setWork(null);
        }
        Set<Integer> nonces = new HashSet<>();
        for (HashEngine.Share s : found) {
            byte[] h = Hashes.sha256d(header(0x20000000, prev, root, s.ntime(), 0x1d00ffff, s.nonce()));
            assertArrayEquals(h, s.hash());
            assertTrue(meets(h, easyTarget()));
            assertNull(s.extranonce());
            assertTrue(nonces.add(s.nonce()), "two threads hashed the same nonce");
        }
        assertTrue(hashes.sum() >= found.size());
    }

    @Test
    void extendedSharesRollTheExtranonceIntoTheMerkleRoot() throws Exception {
        byte[] prefix = bytes(40, 3), suffix = bytes(30, 4), enPrefix = bytes(8, 5);
        List<byte[]> path = List.of(bytes(32, 6), bytes(32, 7));
        Work.Coinbase cb = new Work.Coinbase(prefix, enPrefix, 24, suffix, path);
        byte[] prev = bytes(32, 8);
        Work w = new Work(1, 9, 4, 0x20000000, prev, 0x1d00ffff, 1_700_000_000, easyTarget(), null, cb);
        ConcurrentLinkedQueue<HashEngine.Share> found = new ConcurrentLinkedQueue<>();
        try (HashEngine engine = new HashEngine(1, found::add, new LongAdder())) {
            engine.setWork(w);
            await().atMost(Duration.ofSeconds(20)).until(() -> found.size() >= 10);
        }
        for (HashEngine.Share s : found) {
            assertEquals(24, s.extranonce().length);
            byte[] root = Hashes.sha256d(concat(prefix, enPrefix, s.extranonce(), suffix));
            for (byte[] node : path) root = Hashes.sha256d(concat(root, node));
            byte[] h = Hashes.sha256d(header(0x20000000, prev, root, s.ntime(), 0x1d00ffff, s.nonce()));
            assertArrayEquals(h, s.hash());
            assertTrue(meets(h, easyTarget()));
        }
    }

    @Test
    void chunksCoverTheNonceSpaceThenRollWithoutRepeating() {
        Work w = new Work(1, 1, 1, 1, new byte[32], 0, 100, easyTarget(), new byte[32], null);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < Work.CHUNKS_PER_ROLL + 3; i++) {
            long c = w.claimChunk();
            long roll = c / Work.CHUNKS_PER_ROLL;
            int first = (int) (c % Work.CHUNKS_PER_ROLL) * Work.NONCES_PER_CHUNK;
            assertTrue(seen.add(w.ntimeOf(roll) + ":" + first));
        }
        assertEquals(101, w.ntimeOf(1), "a standard job rolls ntime once its nonces are used");
        Work near = new Work(1, 1, 1, 1, new byte[32], 0, -1, easyTarget(), new byte[32], null);
        for (int i = 0; i < Work.CHUNKS_PER_ROLL; i++) assertTrue(near.claimChunk() >= 0);
        assertEquals(-1, near.claimChunk(), "ntime cannot roll past 2^32 - 1");
    }

    @Test
    void aNewTargetKeepsTheSearchWhereItWas() {
        Work w = new Work(1, 1, 1, 1, new byte[32], 0, 100, easyTarget(), new byte[32], null);
        long first = w.claimChunk();
        Work harder = w.withTarget(new byte[32], 2);
        assertEquals(first + 1, harder.claimChunk());
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }
}
