package org.sharemint.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sharemint.TestVectors;

/** NUT-00 and NUT-20 vectors from src/test/resources/vectors/cashu.json, and the wallet round trip. */
class CashuCryptoTest {
    private static final HexFormat HEX = HexFormat.of();
    private static JsonNode vectors;

    @BeforeAll
    static void load() throws IOException {
        vectors = TestVectors.json("cashu.json");
    }

    @Test
    void hashToCurveVectors() {
        JsonNode cases = vectors.get("nut00_hash_to_curve");
        assertEquals(3, cases.size());
        for (JsonNode c : cases) {
            ECPoint y = CashuCrypto.hashToCurve(HEX.parseHex(c.get("message").asText()));
            assertEquals(c.get("point").asText(), HEX.formatHex(Secp256k1.compressed(y)), c.toString());
        }
    }

    @Test
    void blindVectors() {
        JsonNode cases = vectors.get("nut00_blind");
        assertEquals(2, cases.size());
        for (JsonNode c : cases) {
            BigInteger r = new BigInteger(1, HEX.parseHex(c.get("r").asText()));
            ECPoint b = CashuCrypto.blind(HEX.parseHex(c.get("x").asText()), r);
            assertEquals(c.get("B_").asText(), HEX.formatHex(Secp256k1.compressed(b)), c.toString());
        }
    }

    @Test
    void signVectors() throws CryptoException {
        JsonNode cases = vectors.get("nut00_sign");
        assertEquals(2, cases.size());
        for (JsonNode c : cases) {
            BigInteger k = new BigInteger(1, HEX.parseHex(c.get("k").asText()));
            ECPoint b = Secp256k1.decodePoint(HEX.parseHex(c.get("B_").asText()));
            assertEquals(c.get("C_").asText(), HEX.formatHex(Secp256k1.compressed(CashuCrypto.blindSign(k, b))), c.toString());
        }
    }

    @Test
    void blindSignUnblindGivesKTimesY() {
        SecureRandom random = new SecureRandom();
        BigInteger k = Secp256k1.randomScalar(random);
        BigInteger r = Secp256k1.randomScalar(random);
        byte[] secret = "407915bc212be61a77e3e6d2aeb4c727980bda51cd06a6afc29e2861768a7837".getBytes(StandardCharsets.UTF_8);
        ECPoint c = CashuCrypto.unblind(CashuCrypto.blindSign(k, CashuCrypto.blind(secret, r)), r, Secp256k1.mulG(k));
        assertEquals(CashuCrypto.hashToCurve(secret).multiply(k).normalize(), c);
        assertFalse(CashuCrypto.hashToCurve(secret).multiply(k.add(BigInteger.ONE)).normalize().equals(c));
    }

    @Test
    void nut20LegacyVectors() throws CryptoException {
        JsonNode v = vectors.get("nut20_mint_signature");
        ECPoint pub = Secp256k1.decodePoint(HEX.parseHex(v.get("pubkey").asText()));
        for (String which : new String[] {"valid", "invalid"}) {
            JsonNode req = v.get(which);
            List<byte[]> blinded = new ArrayList<>();
            for (JsonNode o : req.get("outputs")) blinded.add(HEX.parseHex(o.get("B_").asText()));
            byte[] digest = CashuCrypto.mintQuoteDigestLegacy(req.get("quote").asText(), blinded);
            assertEquals(which.equals("valid"), CashuCrypto.verifyMintQuote(pub, digest, HEX.parseHex(req.get("signature").asText())), which);
        }
    }

    @Test
    void nut20LegacyMessageIsQuoteIdThenHexStrings() {
        // the message NUT-20's test vector spells out byte by byte starts with the quote id, then B_0 as hex text
        String quote = "9d745270-1405-46de-b5c5-e2762b4f5e00";
        byte[] b0 = HEX.parseHex("0342e5bcc77f5b2a3c2afb40bb591a1e27da83cddc968abdc0ec4904201a201834");
        byte[] expected = Hashes.sha256((quote + "0342e5bcc77f5b2a3c2afb40bb591a1e27da83cddc968abdc0ec4904201a201834").getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected, CashuCrypto.mintQuoteDigestLegacy(quote, List.of(b0)));
    }

    @Test
    void amendedDigestLayout() {
        byte[] b = HEX.parseHex("02" + "11".repeat(32));
        // "Cashu_MintQuoteSig_v1" || len(4) "q1" || len(1) 0x08 || len(33) B_
        byte[] expected = Hashes.sha256(
            "Cashu_MintQuoteSig_v1".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0, 0, 0, 2}, "q1".getBytes(StandardCharsets.UTF_8),
            new byte[] {0, 0, 0, 1, 8},
            new byte[] {0, 0, 0, 33}, b);
        assertArrayEquals(expected, CashuCrypto.mintQuoteDigest("q1", new long[] {8}, List.of(b)));
        assertArrayEquals(new byte[0], CashuCrypto.minimalBigEndian(0));
        assertArrayEquals(new byte[] {1, 0}, CashuCrypto.minimalBigEndian(256));
        assertArrayEquals(HEX.parseHex("8000000000000000"), CashuCrypto.minimalBigEndian(Long.MIN_VALUE));
    }

    @Test
    void amendedSignatureRoundTripAndBinding() {
        SecureRandom random = new SecureRandom();
        BigInteger key = Secp256k1.randomScalar(random);
        ECPoint pub = Secp256k1.mulG(key);
        List<byte[]> blinded = List.of(Secp256k1.compressed(Secp256k1.mulG(BigInteger.TWO)), Secp256k1.compressed(Secp256k1.mulG(BigInteger.TEN)));
        byte[] digest = CashuCrypto.mintQuoteDigest("quote", new long[] {1, 2}, blinded);
        byte[] sig = CashuCrypto.signMintQuote(key, digest, new byte[32]);
        assertTrue(CashuCrypto.verifyMintQuote(pub, digest, sig));
        // the amounts are signed too: another split of the same B_s does not verify
        assertFalse(CashuCrypto.verifyMintQuote(pub, CashuCrypto.mintQuoteDigest("quote", new long[] {2, 1}, blinded), sig));
        assertFalse(CashuCrypto.verifyMintQuote(pub, CashuCrypto.mintQuoteDigestLegacy("quote", blinded), sig));
    }

    /**
     * A mint request that cashu-ts 4.8.0's Wallet.prepareMint made (quote locked to the key 3·G, two
     * outputs of 2 and 1): its amended signature and its legacy fallback signature.
     */
    @Test
    void signaturesMadeByCashuTs() throws CryptoException {
        ECPoint pub = Secp256k1.decodePoint(HEX.parseHex("02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9"));
        String quote = "01a213214185238b189eee63f516734e9721960d7083";
        List<byte[]> blinded = List.of(
            HEX.parseHex("036788699798276e9de6174e1ee793d111241cc27c003d59d69e916dd75171a439"),
            HEX.parseHex("03333de7e3efc6643e1afcac7e6109cfe7e819e3bea25f9cce32b19d050efc5b0a"));
        byte[] amended = HEX.parseHex("d93366148f10fce793d12a9d8e459d75e9616631530a87139ccf887adc86cd2c"
            + "b7d74b0be8df142836e5efeaf21eceda6da4ac1fe811508d48cf4fe60eea7317");
        byte[] legacy = HEX.parseHex("d640484bacaa72ea30bdd69d833ad7e836b318a02ca32d0a9f389a6de300466a"
            + "d1e2ac7975caa01aa502a0dda7640290467434b01c67e8119dd73c1560efe813");
        byte[] amendedDigest = CashuCrypto.mintQuoteDigest(quote, new long[] {2, 1}, blinded);
        byte[] legacyDigest = CashuCrypto.mintQuoteDigestLegacy(quote, blinded);
        assertTrue(CashuCrypto.verifyMintQuote(pub, amendedDigest, amended));
        assertTrue(CashuCrypto.verifyMintQuote(pub, legacyDigest, legacy));
        assertFalse(CashuCrypto.verifyMintQuote(pub, legacyDigest, amended));
        assertFalse(CashuCrypto.verifyMintQuote(pub, amendedDigest, legacy));
    }
}
