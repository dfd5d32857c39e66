package org.sharemint.bench;

import java.util.Arrays;
import org.sharemint.crypto.Hashes;

/**
 * Valid nonces for one standard channel's job, prepared before the timed phase. The header is
 * the one the pool will hash (version | prev_hash | merkle_root | ntime | nbits | nonce, integers
 * little-endian) and a nonce is kept when SHA256d(header) <= target as a little-endian number.
 * With the easiest target (2^256 - 1, what the bench asks the pool for) every nonce is valid
 * and none needs hashing; otherwise nonces are ground ahead, and again on demand if the
 * supply runs out (counted in {@link #groundLate()}). Nonces only increase, so no share repeats.
 *
 * <p>Owned by one connection's sending thread.
 */
final class ShareSource {
    private static final int NONCE_OFFSET = 76;

    private final byte[] header = new byte[80];
    private final byte[] target;
    private final boolean everyNonceValid;
    private int[] ready = new int[0];
    private int readyNext;
    private long nextCandidate;
    private long groundLate;

    /**
     * @param prevHash the U256 of SetNewPrevHash, raw bytes as on the wire
     * @param merkleRoot the U256 of NewMiningJob
     * @param target the channel target, 32 bytes little-endian
     */
    ShareSource(int version, byte[] prevHash, byte[] merkleRoot, int ntime, int nbits, byte[] target) {
        PlainLink.putLe32(header, 0, version);
        System.arraycopy(prevHash, 0, header, 4, 32);
        System.arraycopy(merkleRoot, 0, header, 36, 32);
        PlainLink.putLe32(header, 68, ntime);
        PlainLink.putLe32(header, 72, nbits);
        this.target = target.clone();
        byte[] easiest = new byte[32];
        Arrays.fill(easiest, (byte) 0xFF);
        this.everyNonceValid = Arrays.equals(target, easiest);
    }

    /** Grinds {@code count} valid nonces now (nothing to do when every nonce is valid). */
    void prepare(int count) {
        if (everyNonceValid) return;
        int[] more = new int[count];
        for (int i = 0; i < count; i++) more[i] = grindOne();
        ready = more;
        readyNext = 0;
    }

    /** The next valid nonce. */
    int next() {
        if (everyNonceValid) {
            if (nextCandidate > 0xFFFF_FFFFL) throw new IllegalStateException("nonce space of the job exhausted");
            return (int) nextCandidate++;
        }
        if (readyNext < ready.length) return ready[readyNext++];
        groundLate++;
        return grindOne();
    }

    /** Nonces that had to be ground during the timed phase (generator CPU not spent ahead). */
    long groundLate() {
        return groundLate;
    }

    boolean everyNonceValid() {
        return everyNonceValid;
    }

    private int grindOne() {
        while (nextCandidate <= 0xFFFF_FFFFL) {
            int nonce = (int) nextCandidate++;
            PlainLink.putLe32(header, NONCE_OFFSET, nonce);
            if (meets(Hashes.sha256d(header), target)) return nonce;
        }
        throw new IllegalStateException("nonce space of the job exhausted");
    }

    /** hash <= target, both little-endian 256-bit integers. */
    static boolean meets(byte[] hash, byte[] target) {
        for (int i = 31; i >= 0; i--) {
            int h = hash[i] & 0xFF, t = target[i] & 0xFF;
            if (h != t) return h < t;
        }
        return true;
    }
}
