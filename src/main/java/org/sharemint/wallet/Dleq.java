package org.sharemint.wallet;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.Hashes;
import org.sharemint.crypto.Secp256k1;

/**
 * Wallet-side check of the mint's DLEQ proof (NUT-12): the key A that signed B_ into C_ is the
 * published key of the amount. R1 = s·G − e·A, R2 = s·B_ − e·C_, and e must equal
 * SHA256 of the lowercase hex of R1, R2, A, C_ in uncompressed form.
 */
final class Dleq {
    private static final HexFormat HEX = HexFormat.of();

    private Dleq() {}

    static boolean verify(byte[] e, byte[] s, ECPoint a, ECPoint blinded, ECPoint blindSignature) {
        if (e == null || s == null || e.length != 32 || s.length != 32) return false;
        BigInteger ei = new BigInteger(1, e);
        BigInteger si = new BigInteger(1, s);
        if (ei.compareTo(Secp256k1.N) >= 0 || si.compareTo(Secp256k1.N) >= 0) return false;
        ECPoint r1 = Secp256k1.mulG(si).subtract(a.multiply(ei)).normalize();
        ECPoint r2 = blinded.multiply(si).subtract(blindSignature.multiply(ei)).normalize();
        if (r1.isInfinity() || r2.isInfinity()) return false;
        return java.security.MessageDigest.isEqual(e, challenge(r1, r2, a, blindSignature));
    }

    static byte[] challenge(ECPoint... points) {
        StringBuilder b = new StringBuilder(130 * points.length);
        for (ECPoint p : points) b.append(HEX.formatHex(p.getEncoded(false)));
        return Hashes.sha256(b.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
