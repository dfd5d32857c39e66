package org.sharemint.mint;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Dleq;
import org.sharemint.crypto.FixedBase;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.Requests.BlindedMessage;

/**
 * The mint's side of NUT-00 and NUT-12: blind signatures C_ = k·B_ with their DLEQ proofs, and
 * proof verification k·hash_to_curve(secret) == C. BouncyCastle's secp256k1 curve multiplies with
 * its GLV endomorphism; the points of one request share one field inversion per step
 * ({@code normalizeAll}): all C_ first (the nonce hashes them), then all R1 = r·G and R2 = r·B_.
 */
final class Bdhke {
    private Bdhke() {}

    /** C_ (compressed hex) and its DLEQ proof. */
    record Signed(String c, Dleq.Proof dleq) {}

    /** C_ and DLEQ proof for each output (keysets looked up by the caller), in order. */
    static Signed[] sign(List<BlindedMessage> outputs, List<Keyset> keysets) {
        int n = outputs.size();
        ECPoint[] c = new ECPoint[n];
        for (int i = 0; i < n; i++) {
            BlindedMessage o = outputs.get(i);
            c[i] = o.blinded().multiply(keysets.get(i).privateKey(o.exponent()));
        }
        Secp256k1.CURVE.normalizeAll(c);
        BigInteger[] r = new BigInteger[n];
        ECPoint[] rPoints = new ECPoint[2 * n]; // R1 of output i at 2i, R2 at 2i+1
        for (int i = 0; i < n; i++) {
            BlindedMessage o = outputs.get(i);
            Keyset k = keysets.get(i);
            r[i] = Dleq.nonce(k.privateKey(o.exponent()), k.publicKey(o.exponent()), o.blinded(), c[i]);
            rPoints[2 * i] = FixedBase.mulG(r[i]);
            // the same B_ object as for C_: BouncyCastle keeps its precomputed multiples on the point
            rPoints[2 * i + 1] = o.blinded().multiply(r[i]);
        }
        Secp256k1.CURVE.normalizeAll(rPoints);
        Signed[] out = new Signed[n];
        for (int i = 0; i < n; i++) {
            BlindedMessage o = outputs.get(i);
            Keyset k = keysets.get(i);
            byte[] e = Dleq.challenge(rPoints[2 * i], rPoints[2 * i + 1], k.publicKey(o.exponent()), c[i]);
            out[i] = new Signed(HexFormat.of().formatHex(c[i].getEncoded(true)), Dleq.respond(k.privateKey(o.exponent()), r[i], e));
        }
        return out;
    }

    /** The DLEQ proof for a signature given before (NUT-09 restore): the same bytes as then. */
    static Dleq.Proof prove(Keyset keyset, int exponent, ECPoint blinded, ECPoint c) {
        return Dleq.prove(keyset.privateKey(exponent), keyset.publicKey(exponent), blinded, c);
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
