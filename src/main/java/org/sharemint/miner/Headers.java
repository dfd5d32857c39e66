package org.sharemint.miner;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 80-byte block header and its proof of work (wire.md, "Share validation"): version,
 * prev hash, merkle root, ntime, nbits, nonce, integers little-endian; the hash is SHA256d and
 * compares with the target as a little-endian 256-bit integer.
 */
final class Headers {
    static final int BYTES = 80;
    static final int NONCE_OFFSET = 76;

    private Headers() {}

    /** A fresh SHA-256 digest (the JDK's: HotSpot uses the CPU's SHA instructions for it). */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static void fill(byte[] h, int version, byte[] prevHash, byte[] merkleRoot, int ntime, int nbits, int nonce) {
        putLe32(h, 0, version);
        System.arraycopy(prevHash, 0, h, 4, 32);
        System.arraycopy(merkleRoot, 0, h, 36, 32);
        putLe32(h, 68, ntime);
        putLe32(h, 72, nbits);
        putLe32(h, NONCE_OFFSET, nonce);
    }

    static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** Writes SHA256d(header) into {@code out} (32 bytes) with {@code sha}, reusing both. */
    static void sha256d(MessageDigest sha, byte[] header, byte[] out) {
        try {
            sha.update(header, 0, BYTES);
            sha.digest(out, 0, 32);
            sha.update(out, 0, 32);
            sha.digest(out, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
        }
    }

    /** Whether {@code hash <= target}, both 32-byte little-endian integers. */
    static boolean meets(byte[] hash, byte[] target) {
        for (int i = 31; i >= 0; i--) {
            int h = hash[i] & 0xFF, t = target[i] & 0xFF;
            if (h != t) return h < t;
        }
        return true;
    }
}
