package org.sharemint.noise;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.sharemint.crypto.Hashes;
import org.sharemint.crypto.Schnorr;
import org.sharemint.crypto.SchnorrVerifier;

/**
 * The SV2 Noise certificate (SIGNATURE_NOISE_MESSAGE, 74 bytes): version U16, valid_from U32,
 * not_valid_after U32 (unix seconds, LE), then a BIP340 signature by the authority key over
 * SHA256(version || valid_from || not_valid_after || responder static x-only key).
 *
 * @param validFrom unsigned 32-bit seconds, held in a long
 * @param notValidAfter unsigned 32-bit seconds, held in a long
 */
record Certificate(int version, long validFrom, long notValidAfter, byte[] signature) {
    static final int BYTES = 74;
    static final int VERSION = 0;
    /** Clock skew the initiator forgives on both ends of the window. */
    static final long LEEWAY_SECONDS = 10;
    private static final long U32_MAX = 0xFFFF_FFFFL;

    /** Signs a certificate for {@code staticXOnly} valid over [validFrom, notValidAfter]. */
    static Certificate sign(BigInteger authoritySecret, byte[] staticXOnly, long validFrom, long notValidAfter, SecureRandom random) {
        long from = clamp(validFrom);
        long to = clamp(notValidAfter);
        byte[] aux = new byte[32];
        random.nextBytes(aux);
        byte[] sig = Schnorr.sign(authoritySecret, digest(VERSION, from, to, staticXOnly), aux);
        return new Certificate(VERSION, from, to, sig);
    }

    static Certificate decode(byte[] b) throws NoiseException {
        if (b.length != BYTES) throw new NoiseException("certificate has " + b.length + " bytes, needs " + BYTES);
        int version = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        return new Certificate(version, u32(b, 2), u32(b, 6), java.util.Arrays.copyOfRange(b, 10, BYTES));
    }

    byte[] encode() {
        byte[] b = new byte[BYTES];
        writeHead(b, version, validFrom, notValidAfter);
        System.arraycopy(signature, 0, b, 10, 64);
        return b;
    }

    /**
     * Checks the window (with {@link #LEEWAY_SECONDS} either side) and the authority's signature
     * over the responder's static key; a NoiseException names what is wrong.
     */
    void check(SchnorrVerifier authority, byte[] staticXOnly, long nowSeconds) throws NoiseException {
        checkWindow(nowSeconds);
        if (!authority.verify(digest(version, validFrom, notValidAfter, staticXOnly), signature)) {
            throw new NoiseException("certificate is not signed by the expected authority key");
        }
    }

    /**
     * The version and window checks of {@link #check} without the signature: for a certificate
     * whose exact bytes were verified before under the same authority and static key.
     */
    void checkWindow(long nowSeconds) throws NoiseException {
        if (version != VERSION) throw new NoiseException("certificate version " + version + " is not supported");
        if (nowSeconds + LEEWAY_SECONDS < validFrom) {
            throw new NoiseException("certificate not valid yet: valid from " + validFrom + ", now " + nowSeconds);
        }
        if (nowSeconds - LEEWAY_SECONDS > notValidAfter) {
            throw new NoiseException("certificate expired: not valid after " + notValidAfter + ", now " + nowSeconds);
        }
    }

    static byte[] digest(int version, long validFrom, long notValidAfter, byte[] staticXOnly) {
        byte[] head = new byte[10];
        writeHead(head, version, validFrom, notValidAfter);
        return Hashes.sha256(head, staticXOnly);
    }

    private static void writeHead(byte[] b, int version, long from, long to) {
        b[0] = (byte) version;
        b[1] = (byte) (version >>> 8);
        for (int i = 0; i < 4; i++) {
            b[2 + i] = (byte) (from >>> (8 * i));
            b[6 + i] = (byte) (to >>> (8 * i));
        }
    }

    private static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    private static long clamp(long seconds) {
        return Math.max(0, Math.min(U32_MAX, seconds));
    }
}
