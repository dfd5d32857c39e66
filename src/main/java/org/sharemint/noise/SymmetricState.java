package org.sharemint.noise;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sharemint.crypto.Hashes;

/**
 * Noise SymmetricState (chaining key ck, handshake hash h, optional handshake cipher) for
 * Noise_NX_Secp256k1+EllSwift_ChaChaPoly_SHA256. Handshake ciphertexts take h as associated data.
 */
final class SymmetricState {
    static final String PROTOCOL_NAME = "Noise_NX_Secp256k1+EllSwift_ChaChaPoly_SHA256";
    /** SHA256 of the protocol name: the initial chaining key (the name is longer than 32 bytes). */
    static final byte[] PROTOCOL_NAME_HASH = Hashes.sha256(PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII));
    private static final byte[] EMPTY = new byte[0];
    private static final String HMAC = "HmacSHA256";
    /** Cloned per use: a Mac holds state, so threads never share one. */
    private static final Mac HMAC_PROTOTYPE;

    static {
        try {
            HMAC_PROTOTYPE = Mac.getInstance(HMAC);
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private byte[] ck;
    private byte[] h;
    private CipherState k;

    SymmetricState() {
        ck = PROTOCOL_NAME_HASH.clone();
        // h = protocol-name hash, then MixHash(prologue) with the empty prologue
        h = Hashes.sha256(PROTOCOL_NAME_HASH);
    }

    void mixHash(byte[] data) {
        h = Hashes.sha256(h, data);
    }

    void mixKey(byte[] inputKeyMaterial) {
        byte[][] out = hkdf2(ck, inputKeyMaterial);
        ck = out[0];
        k = new CipherState(out[1]);
    }

    byte[] encryptAndHash(byte[] plaintext) throws NoiseException {
        byte[] ciphertext = k == null ? plaintext.clone() : k.encrypt(h, plaintext);
        mixHash(ciphertext);
        return ciphertext;
    }

    byte[] decryptAndHash(byte[] ciphertext, String what) throws NoiseException {
        byte[] plaintext = k == null ? ciphertext.clone() : k.decrypt(h, ciphertext, what);
        mixHash(ciphertext);
        return plaintext;
    }

    /** The two transport ciphers: [0] initiator -> responder, [1] responder -> initiator. */
    CipherState[] split() {
        byte[][] out = hkdf2(ck, EMPTY);
        return new CipherState[] {new CipherState(out[0]), new CipherState(out[1])};
    }

    byte[] handshakeHash() {
        return h.clone();
    }

    /** Noise HKDF with two outputs: temp = HMAC(ck, ikm); o1 = HMAC(temp, 0x01); o2 = HMAC(temp, o1 || 0x02). */
    static byte[][] hkdf2(byte[] chainingKey, byte[] inputKeyMaterial) {
        byte[] temp = hmac(chainingKey, inputKeyMaterial);
        Mac mac = hmac(temp);
        byte[] o1 = mac.doFinal(new byte[] {1}); // doFinal leaves the Mac keyed with temp, ready again
        mac.update(o1);
        mac.update((byte) 2);
        byte[] o2 = mac.doFinal();
        return new byte[][] {o1, o2};
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return hmac(key).doFinal(data);
    }

    /**
     * HMAC-SHA256 keyed with {@code key}: the JDK's, for the reason {@link Hashes} uses the JDK's
     * SHA-256 (compiled to the CPU's SHA instructions); BouncyCastle's took ~4.5 us per HKDF, a
     * handshake runs three on each side.
     */
    private static Mac hmac(byte[] key) {
        try {
            Mac mac = (Mac) HMAC_PROTOTYPE.clone();
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (CloneNotSupportedException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 is cloneable and takes any key", e);
        }
    }
}
