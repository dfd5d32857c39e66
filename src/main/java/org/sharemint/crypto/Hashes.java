package org.sharemint.crypto;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256, SHA256d and BIP340 tagged hashes (BouncyCastle's digest; no shared state). */
public final class Hashes {
    private Hashes() {}

    public static byte[] sha256(byte[]... parts) {
        SHA256Digest d = new SHA256Digest();
        for (byte[] p : parts) d.update(p, 0, p.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** SHA256(SHA256(data[off..off+len])). */
    public static byte[] sha256d(byte[] data, int off, int len) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, off, len);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        d.update(out, 0, 32);
        d.doFinal(out, 0);
        return out;
    }

    public static byte[] sha256d(byte[] data) {
        return sha256d(data, 0, data.length);
    }

    /** SHA256(SHA256(tag) || SHA256(tag) || parts...) as in BIP340. */
    public static byte[] tagged(String tag, byte[]... parts) {
        byte[] t = sha256(tag.getBytes(StandardCharsets.UTF_8));
        SHA256Digest d = new SHA256Digest();
        d.update(t, 0, 32);
        d.update(t, 0, 32);
        for (byte[] p : parts) d.update(p, 0, p.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
