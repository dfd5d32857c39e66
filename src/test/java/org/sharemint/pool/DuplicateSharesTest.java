package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pool is what keeps one share from earning two quotes (the ledger has no unique key on the
 * share hash): the per-block duplicate set never forgets, and a restarted pool hands out
 * extranonce prefixes no share from before the restart was found under.
 */
class DuplicateSharesTest {
    @TempDir
    Path dir;

    @Test
    void duplicateSetIsExactAndRefusesOnceFull() {
        MiningChannel ch = new MiningChannel(1, false, new byte[32], 0, null, BigInteger.ONE.shiftLeft(255),
            BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(255), new Vardiff(6, 60_000_000_000L, 0), null, null);
        byte[] first = hash(0);
        assertEquals(MiningChannel.Seen.NEW, ch.markSeen(first));
        assertEquals(MiningChannel.Seen.DUPLICATE, ch.markSeen(first.clone()));
        for (int i = 1; i < MiningChannel.MAX_SEEN; i++) assertEquals(MiningChannel.Seen.NEW, ch.markSeen(hash(i)));
        // full: a new hash is refused, and the first one is still remembered (nothing was forgotten)
        assertEquals(MiningChannel.Seen.FULL, ch.markSeen(hash(MiningChannel.MAX_SEEN)));
        assertEquals(MiningChannel.Seen.DUPLICATE, ch.markSeen(first));
        assertEquals(MiningChannel.Seen.DUPLICATE, ch.markSeen(hash(MiningChannel.MAX_SEEN - 1)));
    }

    @Test
    void aRestartedPoolGivesTheSameChannelIdAnotherPrefix() throws Exception {
        byte[] before;
        int idBefore;
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            before = ch.prefix;
            idBefore = ch.id;
        }
        try (PoolFixture pool = new PoolFixture(dir, Map.of()); Sv2TestClient c = pool.client(true)) {
            Sv2TestClient.Channel ch = c.openStandard(PoolFixture.IDENTITY);
            assertEquals(idBefore, ch.id);
            assertEquals(before.length, ch.prefix.length);
            assertFalse(Arrays.equals(before, ch.prefix), "same extranonce prefix after a restart: old shares would be valid again");
            // only the per-process part differs: the channel id stays in bytes 4..8
            assertArrayEquals(Arrays.copyOfRange(before, 4, 8), Arrays.copyOfRange(ch.prefix, 4, 8));
        }
    }

    private static byte[] hash(int i) {
        byte[] h = new byte[32];
        h[0] = (byte) (i >>> 24);
        h[1] = (byte) (i >>> 16);
        h[2] = (byte) (i >>> 8);
        h[3] = (byte) i;
        h[31] = 7;
        return h;
    }
}
