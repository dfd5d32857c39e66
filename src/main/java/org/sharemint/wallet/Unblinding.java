package org.sharemint.wallet;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.Secp256k1;

/**
 * Turning the mint's blind signatures into proofs, and checking proofs received from others,
 * against the keysets' published keys (NUT-00, NUT-12). The wallet cannot check C == k·Y itself
 * (k is the mint's); it checks the DLEQ proof when the mint sends one, and always that every
 * point is on the curve.
 */
final class Unblinding {
    private Unblinding() {}

    /** C = C_ − r·K for each output, after checking amount, keyset and (when given) the DLEQ proof. */
    static List<Proof> unblind(List<BlindedOutput> outputs, List<BlindSignature> sigs, Keysets keysets) throws IOException {
        List<Proof> proofs = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            BlindedOutput o = outputs.get(i);
            BlindSignature s = sigs.get(i);
            if (s.amount() != o.amount() || !s.keysetId().equalsIgnoreCase(o.keysetId())) {
                throw new MintException(0, 0, "signature " + i + " is for " + s.amount() + "/" + s.keysetId() + ", the output was " + o.amount() + "/" + o.keysetId());
            }
            ECPoint k = keysets.byId(o.keysetId()).key(o.amount());
            ECPoint cBlind, bBlind;
            try {
                cBlind = Secp256k1.decodePoint(s.blindSignature());
                bBlind = Secp256k1.decodePoint(o.blinded());
            } catch (CryptoException e) {
                throw new MintException(0, 0, "signature " + i + ": " + e.getMessage());
            }
            Proof.Dleq dleq = null;
            if (s.dleqE() != null) {
                if (!Dleq.verify(s.dleqE(), s.dleqS(), k, bBlind, cBlind)) {
                    throw new MintException(0, 0, "signature " + i + ": the DLEQ proof does not verify against the keyset's key for " + o.amount());
                }
                dleq = new Proof.Dleq(s.dleqE(), s.dleqS(), Secp256k1.bytes32(o.r()));
            }
            ECPoint c = CashuCrypto.unblind(cBlind, o.r(), k);
            if (c.isInfinity()) throw new MintException(0, 0, "signature " + i + " unblinds to the point at infinity");
            proofs.add(new Proof(o.amount(), o.keysetId(), o.secret(), Secp256k1.compressed(c), dleq));
        }
        return proofs;
    }

    /** A received proof that carries a DLEQ proof with r must verify: C_ = C + r·K, B_ = Y + r·G. */
    static void checkProofDleq(Proof p, Keysets keysets) throws IOException {
        if (p.dleq() == null || p.dleq().r() == null) return;
        try {
            BigInteger r = Secp256k1.scalar(p.dleq().r());
            ECPoint k = keysets.byId(p.keysetId()).key(p.amount());
            ECPoint c = Secp256k1.decodePoint(p.c());
            ECPoint cBlind = c.add(k.multiply(r)).normalize();
            ECPoint bBlind = CashuCrypto.hashToCurve(p.secret()).add(Secp256k1.mulG(r)).normalize();
            if (!Dleq.verify(p.dleq().e(), p.dleq().s(), k, bBlind, cBlind)) throw new IOException("a proof of " + p.amount() + " in the token fails its DLEQ check");
        } catch (CryptoException e) {
            throw new IOException("a proof in the token is malformed: " + e.getMessage());
        }
    }
}
