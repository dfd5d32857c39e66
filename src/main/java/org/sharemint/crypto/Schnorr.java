package org.sharemint.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/** BIP340 Schnorr signatures over secp256k1 (x-only public keys, 64-byte signatures). */
public final class Schnorr {
    private Schnorr() {}

    /** The x-only public key of a secret key. */
    public static byte[] publicKey(BigInteger secret) {
        return Secp256k1.xOnly(Secp256k1.mulG(secret));
    }

    /**
     * Signs a 32-byte message (BIP340 allows any length; callers here hash first).
     *
     * @param auxRand 32 bytes of fresh randomness (zeros are allowed but weaker)
     */
    public static byte[] sign(BigInteger secret, byte[] message, byte[] auxRand) {
        if (secret.signum() <= 0 || secret.compareTo(Secp256k1.N) >= 0) {
            throw new IllegalArgumentException("secret key out of range");
        }
        ECPoint p = Secp256k1.mulG(secret);
        BigInteger d = Secp256k1.hasEvenY(p) ? secret : Secp256k1.N.subtract(secret);
        byte[] px = Secp256k1.xOnly(p);
        byte[] t = xor(Secp256k1.bytes32(d), Hashes.tagged("BIP0340/aux", auxRand));
        BigInteger k0 = new BigInteger(1, Hashes.tagged("BIP0340/nonce", t, px, message)).mod(Secp256k1.N);
        if (k0.signum() == 0) throw new IllegalStateException("nonce is zero");
        ECPoint r = Secp256k1.mulG(k0);
        BigInteger k = Secp256k1.hasEvenY(r) ? k0 : Secp256k1.N.subtract(k0);
        byte[] rx = Secp256k1.xOnly(r);
        BigInteger e = challenge(rx, px, message);
        byte[] sig = new byte[64];
        System.arraycopy(rx, 0, sig, 0, 32);
        System.arraycopy(Secp256k1.bytes32(k.add(e.multiply(d)).mod(Secp256k1.N)), 0, sig, 32, 32);
        return sig;
    }

    /** True when {@code sig} is a valid BIP340 signature of {@code message} by x-only {@code pubkey}. */
    public static boolean verify(byte[] pubkey, byte[] message, byte[] sig) {
        if (pubkey == null || sig == null || pubkey.length != 32 || sig.length != 64) return false;
        ECPoint p;
        try {
            p = Secp256k1.liftX(pubkey);
        } catch (CryptoException e) {
            return false;
        }
        byte[] rx = java.util.Arrays.copyOfRange(sig, 0, 32);
        BigInteger r = new BigInteger(1, rx);
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        if (r.compareTo(Secp256k1.P) >= 0 || s.compareTo(Secp256k1.N) >= 0) return false;
        BigInteger e = challenge(rx, pubkey, message);
        // s·G − e·P in one interleaved pass (GLV on both), as SchnorrVerifier does
        ECPoint rPoint = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, s, p, Secp256k1.N.subtract(e)).normalize();
        if (rPoint.isInfinity() || !Secp256k1.hasEvenY(rPoint)) return false;
        return rPoint.getAffineXCoord().toBigInteger().equals(r);
    }

    private static BigInteger challenge(byte[] rx, byte[] px, byte[] message) {
        return new BigInteger(1, Hashes.tagged("BIP0340/challenge", rx, px, message)).mod(Secp256k1.N);
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (byte) (a[i] ^ b[i]);
        return out;
    }
}
