package org.sharemint.mint;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.BlindSigner;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Dleq;
import org.sharemint.mint.Requests.BlindedMessage;

/**
 * The mint's side of NUT-00 and NUT-12 with its keysets: blind signatures C_ = k·B_ with their
 * DLEQ proofs ({@link BlindSigner}), and proof verification k·hash_to_curve(secret) == C.
 */
final class Bdhke {
    private Bdhke() {}

    /** C_ (compressed hex) and its DLEQ proof. */
    record Signed(String c, Dleq.Proof dleq) {}

    /** C_ and DLEQ proof for each output (keysets looked up by the caller), in order. */
    static Signed[] sign(List<BlindedMessage> outputs, List<Keyset> keysets) {
        int n = outputs.size();
        BigInteger[] keys = new BigInteger[n];
        ECPoint[] publicKeys = new ECPoint[n];
        ECPoint[] blinded = new ECPoint[n];
        for (int i = 0; i < n; i++) {
            BlindedMessage o = outputs.get(i);
            keys[i] = keysets.get(i).privateKey(o.exponent());
            publicKeys[i] = keysets.get(i).publicKey(o.exponent());
            blinded[i] = o.blinded();
        }
        BlindSigner.Signed[] signed = BlindSigner.sign(keys, publicKeys, blinded);
        Signed[] out = new Signed[n];
        for (int i = 0; i < n; i++) out[i] = new Signed(HexFormat.of().formatHex(signed[i].c()), signed[i].dleq());
        return out;
    }

    /** The DLEQ proof for a signature given before (NUT-09 restore): the same bytes as then. */
    static Dleq.Proof prove(Keyset keyset, int exponent, ECPoint blinded, ECPoint c) {
        return Dleq.prove(keyset.privateKey(exponent), keyset.publicKey(exponent), blinded, c);
    }

    /** True when {@code c} is the keyset's signature on {@code y = hash_to_curve(secret)} for amount 2^exponent. */
    static boolean verify(Keyset keyset, int exponent, ECPoint y, ECPoint c) {
        return BlindSigner.signs(keyset.privateKey(exponent), y, c);
    }

    /** Y of a secret, as NUT-07 and the spent-proofs table name it. */
    static ECPoint y(String secret) {
        return CashuCrypto.hashToCurve(secret);
    }
}
