package org.sharemint.mint;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.sharemint.crypto.Secp256k1;

/**
 * Deterministic private keys from the mint seed, so a restart (or a restore from the seed alone)
 * yields the same keysets.
 *
 * <p>Keyset key i (amount 2^i) of derivation index d:
 * {@code k = (HMAC-SHA256(key = seed, msg = "sharemint/keyset/v1" || d as 4 bytes big-endian || i as 1 byte) mod (n - 1)) + 1},
 * which lies in [1, n-1]; the bias of reducing 256 bits modulo n is below 2^-127. The mint's
 * identity key (NUT-06 {@code pubkey}) is the same construction over the message
 * {@code "sharemint/identity/v1"}.
 */
final class KeyDerivation {
    private static final byte[] KEYSET_LABEL = "sharemint/keyset/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IDENTITY_LABEL = "sharemint/identity/v1".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger N_MINUS_1 = Secp256k1.N.subtract(BigInteger.ONE);

    private KeyDerivation() {}

    /** The private key for amount 2^exponent of the keyset at {@code derivationIndex}. */
    static BigInteger keysetKey(byte[] seed, int derivationIndex, int exponent) {
        byte[] msg = new byte[KEYSET_LABEL.length + 5];
        System.arraycopy(KEYSET_LABEL, 0, msg, 0, KEYSET_LABEL.length);
        int o = KEYSET_LABEL.length;
        msg[o] = (byte) (derivationIndex >>> 24);
        msg[o + 1] = (byte) (derivationIndex >>> 16);
        msg[o + 2] = (byte) (derivationIndex >>> 8);
        msg[o + 3] = (byte) derivationIndex;
        msg[o + 4] = (byte) exponent;
        return reduce(hmac(seed, msg));
    }

    /** The mint's long-lived identity key, shown as {@code pubkey} in /v1/info. */
    static BigInteger identityKey(byte[] seed) {
        return reduce(hmac(seed, IDENTITY_LABEL));
    }

    private static BigInteger reduce(byte[] h) {
        return new BigInteger(1, h).mod(N_MINUS_1).add(BigInteger.ONE);
    }

    private static byte[] hmac(byte[] key, byte[] msg) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(msg, 0, msg.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }
}
