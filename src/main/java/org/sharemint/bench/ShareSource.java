package org.sharemint.bench;

import java.security.DigestException;
import java.security.MessageDigest;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.Targets;

/**
 * Valid nonces for one standard channel's job, ground before the timed phase. The header is
 * the one the pool hashes (version | prev_hash | merkle_root | ntime | nbits | nonce, integers
 * little-endian); a nonce is kept when SHA256d(header), a little-endian number, is at most the
 * channel target and above the network target: a share that is not a block, like nearly every
 * real share (a block would make the pool log and count each one). With the easiest channel
 * target and the synthetic chain's regtest nbits that is half the nonces. Nonces only
 * increase, so no share repeats; if the prepared supply runs out, more are ground on demand
 * (counted in {@link #groundLate()}: generator CPU spent inside the timed phase).
 *
 * <p>Hashing uses the JDK's SHA-256 (CPU SHA extensions where present) with the first 64
 * header bytes absorbed once (a midstate), so a candidate costs two compression rounds.
 * Owned by one connection's sending thread.
 */
final class ShareSource {
    private final byte[] header = new byte[Bitcoin.HEADER_BYTES];
    private final byte[] hash = new byte[32];
    private final byte[] target;
    private final byte[] networkTarget;
    private final MessageDigest midstate;
    private final MessageDigest second;
    private int[] ready = new int[0];
    private int readyNext;
    private int readyEnd;
    private long nextCandidate;
    private long groundLate;

    /**
     * @param prevHash the U256 of SetNewPrevHash, raw bytes as on the wire
     * @param merkleRoot the U256 of NewMiningJob
     * @param target the channel target, 32 bytes little-endian
     */
    ShareSource(int version, byte[] prevHash, byte[] merkleRoot, int ntime, int nbits, byte[] target) {
        Bitcoin.fillHeader(header, version, prevHash, merkleRoot, ntime, nbits, 0);
        this.target = target.clone();
        this.networkTarget = Targets.toLe(Targets.fromCompact(nbits));
        midstate = Bitcoin.sha256();
        second = Bitcoin.sha256();
        midstate.update(header, 0, 64);
    }

    /** Grinds nonces until {@code count} are ready (those left from before count). */
    void prepare(int count) {
        int left = readyEnd - readyNext;
        if (left >= count) return;
        int[] more = new int[count];
        System.arraycopy(ready, readyNext, more, 0, left);
        for (int i = left; i < count; i++) more[i] = grindOne();
        ready = more;
        readyNext = 0;
        readyEnd = count;
    }

    /** The next valid nonce. */
    int next() {
        if (readyNext < readyEnd) return ready[readyNext++];
        groundLate++;
        return grindOne();
    }

    /** Nonces that had to be ground during a timed phase. */
    long groundLate() {
        return groundLate;
    }

    private int grindOne() {
        while (nextCandidate <= 0xFFFF_FFFFL) {
            int nonce = (int) nextCandidate++;
            Bitcoin.putLe32(header, Bitcoin.NONCE_OFFSET, nonce);
            sha256d();
            if (Targets.meets(hash, target) && !Targets.meets(hash, networkTarget)) return nonce;
        }
        throw new IllegalStateException("nonce space of the job exhausted");
    }

    private void sha256d() {
        try {
            MessageDigest first = (MessageDigest) midstate.clone();
            first.update(header, 64, 16);
            first.digest(hash, 0, 32);
            second.update(hash, 0, 32);
            second.digest(hash, 0, 32);
        } catch (CloneNotSupportedException | DigestException e) {
            throw new IllegalStateException("SHA-256 midstate", e);
        }
    }

    /** The SHA256d of the header with this nonce (for tests). */
    byte[] hashOf(int nonce) {
        Bitcoin.putLe32(header, Bitcoin.NONCE_OFFSET, nonce);
        sha256d();
        return hash.clone();
    }
}
