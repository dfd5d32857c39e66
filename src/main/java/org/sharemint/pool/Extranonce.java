package org.sharemint.pool;

/**
 * The pool's split of the coinbase extranonce. Every channel's full extranonce has the same
 * size (as channels of one group must): an 8-byte prefix unique to the channel (4 random bytes
 * per pool process, then the channel id) and 24 bytes that extended channels roll. A standard
 * channel's prefix is the whole 32 bytes: its unique 8 then zeros, so its merkle root is fixed.
 */
final class Extranonce {
    static final int UNIQUE_BYTES = 8;
    static final int TOTAL_BYTES = 32;
    static final int EXTENDED_BYTES = TOTAL_BYTES - UNIQUE_BYTES;

    private Extranonce() {}

    static byte[] unique(int processSalt, int channelId) {
        byte[] p = new byte[UNIQUE_BYTES];
        for (int i = 0; i < 4; i++) {
            p[i] = (byte) (processSalt >>> (24 - 8 * i));
            p[4 + i] = (byte) (channelId >>> (24 - 8 * i));
        }
        return p;
    }

    static byte[] standardPrefix(int processSalt, int channelId) {
        byte[] p = new byte[TOTAL_BYTES];
        System.arraycopy(unique(processSalt, channelId), 0, p, 0, UNIQUE_BYTES);
        return p;
    }
}
