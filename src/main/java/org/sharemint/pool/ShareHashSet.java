package org.sharemint.pool;

/**
 * The share hashes one channel has had accepted in the current block, as 128 bits of each (the
 * first 16 bytes: SHA256d output, so uniform) in one open-addressed {@code long[]}. A share is
 * 32 bytes of array here where a {@code HashSet} of records cost about 90 bytes in three objects,
 * and the collector has nothing inside the array to trace. Two different shares agreeing in 128
 * bits would make the second look like a duplicate; a real duplicate is always caught.
 *
 * <p>Not thread-safe: its channel's lock guards it.
 */
final class ShareHashSet {
    private static final int MIN_SLOTS = 16;

    /** Pairs (first 8 bytes, next 8 bytes); the pair (0, 0) marks an empty slot. */
    private long[] table = new long[2 * MIN_SLOTS];
    private int size;
    /** Whether the one hash whose 128 bits are all zero is in (it cannot live in the table). */
    private boolean zero;

    int size() {
        return size;
    }

    boolean contains(byte[] hash) {
        long a = word(hash, 0);
        long b = word(hash, 8);
        if (a == 0 && b == 0) return zero;
        int i = find(table, a, b);
        return table[i] != 0 || table[i + 1] != 0;
    }

    /** Adds the hash; false when it was in already. */
    boolean add(byte[] hash) {
        long a = word(hash, 0);
        long b = word(hash, 8);
        if (a == 0 && b == 0) {
            if (zero) return false;
            zero = true;
            size++;
            return true;
        }
        int i = find(table, a, b);
        if (table[i] != 0 || table[i + 1] != 0) return false;
        table[i] = a;
        table[i + 1] = b;
        size++;
        if (size * 2 > table.length / 2) grow(); // load factor at most 1/2
        return true;
    }

    /** The slot holding (a, b), or the empty slot where it would go: linear probing. */
    private static int find(long[] t, long a, long b) {
        int mask = t.length / 2 - 1;
        int slot = (int) (a ^ (a >>> 32)) & mask;
        while (true) {
            int i = 2 * slot;
            if ((t[i] == a && t[i + 1] == b) || (t[i] == 0 && t[i + 1] == 0)) return i;
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        long[] t = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] == 0 && old[i + 1] == 0) continue;
            int j = find(t, old[i], old[i + 1]);
            t[j] = old[i];
            t[j + 1] = old[i + 1];
        }
        table = t;
    }

    private static long word(byte[] h, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (h[off + i] & 0xff);
        return v;
    }
}
