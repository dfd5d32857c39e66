package org.sharemint.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Cashu's blind Diffie-Hellman key exchange (NUT-00) as plain math, shared by the mint and by
 * wallets (the reference miner): hash_to_curve, blinding, unblinding, blind signing, and the
 * NUT-20 mint-quote message digests. No state, no ledger, no I/O.
 */
public final class CashuCrypto {
    private static final byte[] DOMAIN_SEPARATOR = "Secp256k1_HashToCurve_Cashu_".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MINT_QUOTE_SIG_TAG = "Cashu_MintQuoteSig_v1".getBytes(StandardCharsets.US_ASCII);
    /** No practical message needs more than a handful of tries; the bound only stops a broken loop. */
    private static final int MAX_COUNTER = 1 << 16;

    private CashuCrypto() {}

    /**
     * hash_to_curve(x): the first {@code 02 || SHA256(SHA256(DST || x) || counter_le32)} that is a
     * point on secp256k1 (NUT-00).
     */
    public static ECPoint hashToCurve(byte[] message) {
        byte[] msgHash = Hashes.sha256(DOMAIN_SEPARATOR, message);
        byte[] candidate = new byte[33];
        candidate[0] = 2;
        byte[] counter = new byte[4];
        SHA256Digest d = new SHA256Digest();
        for (int i = 0; i < MAX_COUNTER; i++) {
            counter[0] = (byte) i;
            counter[1] = (byte) (i >>> 8);
            counter[2] = (byte) (i >>> 16);
            counter[3] = (byte) (i >>> 24);
            d.update(msgHash, 0, 32);
            d.update(counter, 0, 4);
            d.doFinal(candidate, 1);
            ECPoint y = tryDecode(candidate);
            if (y != null) return y;
        }
        throw new IllegalStateException("hash_to_curve found no point in " + MAX_COUNTER + " tries");
    }

    /** hash_to_curve of a secret string (its UTF-8 bytes), as proofs carry it. */
    public static ECPoint hashToCurve(String secret) {
        return hashToCurve(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Wallet: B_ = hash_to_curve(secret) + r·G. */
    public static ECPoint blind(byte[] secret, BigInteger r) {
        return hashToCurve(secret).add(Secp256k1.mulG(r)).normalize();
    }

    /** Mint: C_ = k·B_. */
    public static ECPoint blindSign(BigInteger k, ECPoint blinded) {
        return blinded.multiply(k).normalize();
    }

    /** Wallet: C = C_ − r·K, where K is the mint's public key for the amount. */
    public static ECPoint unblind(ECPoint blindSignature, BigInteger r, ECPoint mintKey) {
        return blindSignature.subtract(mintKey.multiply(r)).normalize();
    }

    /** The (legacy) NUT-20 digest: SHA256(quote_id utf8 || B_0 hex || … || B_n-1 hex). */
    public static byte[] mintQuoteDigestLegacy(String quoteId, List<byte[]> blindedMessages) {
        SHA256Digest d = new SHA256Digest();
        byte[] q = quoteId.getBytes(StandardCharsets.UTF_8);
        d.update(q, 0, q.length);
        for (byte[] b : blindedMessages) {
            byte[] hex = java.util.HexFormat.of().formatHex(b).getBytes(StandardCharsets.US_ASCII);
            d.update(hex, 0, hex.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /**
     * The amended NUT-20 digest that cashu-ts 4.x signs first: SHA256("Cashu_MintQuoteSig_v1" ||
     * lp(quote_id utf8) || for each output lp(amount) || lp(B_)), where lp(x) is x's length as 4
     * big-endian bytes followed by x, and amount is its minimal big-endian bytes (empty for 0).
     *
     * @param amounts the outputs' amounts as unsigned 64-bit values, one per blinded message
     */
    public static byte[] mintQuoteDigest(String quoteId, long[] amounts, List<byte[]> blindedMessages) {
        if (amounts.length != blindedMessages.size()) throw new IllegalArgumentException("one amount per blinded message");
        ByteArrayOutputStream m = new ByteArrayOutputStream(64 + 45 * amounts.length);
        m.writeBytes(MINT_QUOTE_SIG_TAG);
        lengthPrefixed(m, quoteId.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < amounts.length; i++) {
            lengthPrefixed(m, minimalBigEndian(amounts[i]));
            lengthPrefixed(m, blindedMessages.get(i));
        }
        return Hashes.sha256(m.toByteArray());
    }

    /**
     * What a key's owner signs to look up its quotes (draft "Mint Quote Lookup by Public Key"):
     * SHA256(UTF8("Cashu_MintQuoteLookup_v1" || mint_pubkey || pubkey)), both keys as hex text.
     */
    public static byte[] mintQuoteLookupDigest(String mintPubkeyHex, String pubkeyHex) {
        return Hashes.sha256(("Cashu_MintQuoteLookup_v1" + mintPubkeyHex + pubkeyHex).getBytes(StandardCharsets.UTF_8));
    }

    /** BIP340 signature of a NUT-20 digest with the quote's private key. */
    public static byte[] signMintQuote(BigInteger privateKey, byte[] digest, byte[] auxRand) {
        return Schnorr.sign(privateKey, digest, auxRand);
    }

    /** True when {@code sig} is a BIP340 signature of {@code digest} by the x coordinate of {@code pubkey}. */
    public static boolean verifyMintQuote(ECPoint pubkey, byte[] digest, byte[] sig) {
        return Schnorr.verify(Secp256k1.xOnly(pubkey), digest, sig);
    }

    private static void lengthPrefixed(ByteArrayOutputStream m, byte[] b) {
        m.write(b.length >>> 24);
        m.write(b.length >>> 16);
        m.write(b.length >>> 8);
        m.write(b.length);
        m.writeBytes(b);
    }

    /** Minimal big-endian bytes of an unsigned 64-bit value; empty for 0. */
    static byte[] minimalBigEndian(long unsigned) {
        int n = (64 - Long.numberOfLeadingZeros(unsigned) + 7) / 8;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) out[n - 1 - i] = (byte) (unsigned >>> (8 * i));
        return out;
    }

    private static ECPoint tryDecode(byte[] compressed) {
        try {
            return Secp256k1.decodePoint(compressed);
        } catch (CryptoException e) {
            return null; // not on the curve: hash_to_curve moves to the next counter
        }
    }
}
