package org.sharemint.wallet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Secp256k1;

/**
 * One output the wallet asks the mint to sign (NUT-00 BlindedMessage) with what it needs to
 * unblind the answer: B_ = hash_to_curve(secret) + r·G.
 *
 * @param secret 64 hex digits of 32 random bytes (the form NUT-00 recommends)
 * @param r the blinding factor
 * @param blinded B_, 33-byte compressed
 */
public record BlindedOutput(long amount, String keysetId, String secret, BigInteger r, byte[] blinded) {

    static BlindedOutput create(long amount, String keysetId, SecureRandom random) {
        byte[] s = new byte[32];
        random.nextBytes(s);
        String secret = HexFormat.of().formatHex(s);
        BigInteger r = Secp256k1.randomScalar(random);
        byte[] b = Secp256k1.compressed(CashuCrypto.blind(secret.getBytes(StandardCharsets.UTF_8), r));
        return new BlindedOutput(amount, keysetId, secret, r, b);
    }

    public String blindedHex() {
        return HexFormat.of().formatHex(blinded);
    }

    @Override
    public String toString() {
        return "BlindedOutput[" + amount + " " + keysetId + " " + blindedHex() + "]";
    }
}
