package org.sharemint.noise;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;

/**
 * Noise CipherState for ChaChaPoly: a 32-byte key and a 64-bit counter; the nonce is 4 zero
 * bytes then the counter as U64 LE. One instance serves one direction and one thread at a time.
 */
final class CipherState {
    static final int MAC_BYTES = 16;
    private static final int MAC_BITS = MAC_BYTES * 8;
    /**
     * AEAD engines between uses. Each message re-initialises the engine (key and nonce) anyway,
     * so an instance is borrowed for one encrypt or decrypt, which never blocks, and given back:
     * a handful serve every connection, instead of two (~1.4 KiB) held by each idle one.
     */
    private static final MpmcVarHandleArrayQueue<ChaCha20Poly1305> SPARE = new MpmcVarHandleArrayQueue<>(256);

    private final KeyParameter key;
    private long n;

    CipherState(byte[] key32) {
        if (key32.length != 32) throw new IllegalArgumentException("ChaChaPoly key must be 32 bytes");
        this.key = new KeyParameter(key32);
    }

    /** Encrypts {@code len} bytes of {@code in} into {@code out} (len + 16 bytes); returns that length. */
    int encrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff) throws NoiseException {
        AEADParameters p = params(ad);
        ChaCha20Poly1305 aead = borrow();
        aead.init(true, p);
        int w = aead.processBytes(in, inOff, len, out, outOff);
        try {
            w += aead.doFinal(out, outOff + w);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption cannot fail", e);
        }
        SPARE.relaxedOffer(aead); // only after success: a failed engine is left to the GC
        return w;
    }

    /** Decrypts {@code len} bytes (ciphertext + MAC) into {@code out}; a bad MAC is a NoiseException. */
    int decrypt(byte[] ad, byte[] in, int inOff, int len, byte[] out, int outOff, String what) throws NoiseException {
        if (len < MAC_BYTES) throw new NoiseException(what + ": " + len + " bytes is shorter than a MAC");
        AEADParameters p = params(ad);
        ChaCha20Poly1305 aead = borrow();
        aead.init(false, p);
        int w = aead.processBytes(in, inOff, len, out, outOff);
        try {
            w += aead.doFinal(out, outOff + w);
        } catch (InvalidCipherTextException e) {
            throw new NoiseException(what + ": bad MAC");
        }
        SPARE.relaxedOffer(aead);
        return w;
    }

    byte[] encrypt(byte[] ad, byte[] plaintext) throws NoiseException {
        byte[] out = new byte[plaintext.length + MAC_BYTES];
        encrypt(ad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    byte[] decrypt(byte[] ad, byte[] ciphertext, String what) throws NoiseException {
        if (ciphertext.length < MAC_BYTES) throw new NoiseException(what + ": " + ciphertext.length + " bytes is shorter than a MAC");
        byte[] out = new byte[ciphertext.length - MAC_BYTES];
        decrypt(ad, ciphertext, 0, ciphertext.length, out, 0, what);
        return out;
    }

    private static ChaCha20Poly1305 borrow() {
        ChaCha20Poly1305 aead = SPARE.relaxedPoll();
        return aead != null ? aead : new ChaCha20Poly1305();
    }

    private AEADParameters params(byte[] ad) throws NoiseException {
        // 2^64-1 is reserved by Noise; no connection lives that long, but never wrap around
        if (n == -1L) throw new NoiseException("nonce counter exhausted");
        byte[] nonce = new byte[12];
        long c = n++;
        for (int i = 0; i < 8; i++) nonce[4 + i] = (byte) (c >>> (8 * i));
        return new AEADParameters(key, MAC_BITS, nonce, ad);
    }
}
