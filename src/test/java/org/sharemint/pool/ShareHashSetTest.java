package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShareHashSetTest {
    @Test
    void agreesWithAHashSetThroughGrowth() {
        Random r = new Random(7);
        ShareHashSet set = new ShareHashSet();
        Set<String> model = new HashSet<>();
        List<byte[]> added = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            byte[] h = new byte[32];
            r.nextBytes(h);
            if (i % 7 == 0 && !added.isEmpty()) h = added.get(r.nextInt(added.size())).clone(); // a replay
            boolean isNew = model.add(HexFormat.of().formatHex(h));
            assertEquals(isNew, set.add(h), "add #" + i);
            assertTrue(set.contains(h));
            if (isNew) added.add(h);
            assertEquals(model.size(), set.size());
        }
        for (byte[] h : added) assertTrue(set.contains(h));
        byte[] absent = new byte[32];
        r.nextBytes(absent);
        assertFalse(set.contains(absent));
    }

    @Test
    void zeroAndSharedBucketsAreKeptApart() {
        ShareHashSet set = new ShareHashSet();
        byte[] zero = new byte[32];
        assertFalse(set.contains(zero));
        assertTrue(set.add(zero));
        assertFalse(set.add(zero.clone()));
        // same first 8 bytes (same bucket), different next 8: two entries
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        a[0] = b[0] = 9;
        b[15] = 1;
        assertTrue(set.add(a));
        assertTrue(set.add(b));
        assertFalse(set.add(b.clone()));
        assertEquals(3, set.size());
    }
}
