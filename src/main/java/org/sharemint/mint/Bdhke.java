package org.sharemint.mint;

import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.Requests.BlindedMessage;

/**
 * The mint's side of NUT-00: blind signatures C_ = k·B_ and proof verification
 * k·hash_to_curve(secret) == C. BouncyCastle's secp256k1 curve multiplies with its GLV
 * endomorphism; the results of one request share one field inversion ({@code normalizeAll}).
 */
final class Bdhke {
    private Bdhke() {}

    /** C_ for each output (keysets looked up by the caller), as compressed hex, in order. */
    static String[] sign(List<BlindedMessage> outputs, List<Keyset> keysets) {
        ECPoint[] c = new ECPoint[outputs.size()];
        for (int i = 0; i < c.length; i++) {
            BlindedMessage o = outputs.get(i);
            c[i] = o.blinded().multiply(keysets.get(i).privateKey(o.exponent()));
        }
        Secp256k1.CURVE.normalizeAll(c);
        String[] hex = new String[c.length];
        for (int i = 0; i < c.length; i++) hex[i] = HexFormat.of().formatHex(c[i].getEncoded(true));
        return hex;
    }

    /** One blind signature (the benchmark's unit of work). */
    static byte[] sign(Keyset keyset, int exponent, ECPoint blinded) {
        return blinded.multiply(keyset.privateKey(exponent)).normalize().getEncoded(true);
    }

    /** True when {@code c} is the keyset's signature on {@code y = hash_to_curve(secret)} for amount 2^exponent. */
    static boolean verify(Keyset keyset, int exponent, ECPoint y, ECPoint c) {
        return y.multiply(keyset.privateKey(exponent)).equals(c);
    }

    /** Y of a secret, as NUT-07 and the spent-proofs table name it. */
    static ECPoint y(String secret) {
        return CashuCrypto.hashToCurve(secret);
    }
}
