package org.sharemint.noise;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
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
        byte[] o1 = hmac(temp, new byte[] {1});
        byte[] in2 = new byte[33];
        System.arraycopy(o1, 0, in2, 0, 32);
        in2[32] = 2;
        byte[] o2 = hmac(temp, in2);
        return new byte[][] {o1, o2};
    }

    static byte[] hmac(byte[] key, byte[] data) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }
}
