package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.wallet.BlindedOutput;
import org.sharemint.wallet.Keyset;
import org.sharemint.wallet.MintClient;
import org.sharemint.wallet.MintException;
import org.sharemint.wallet.Proof;
import org.sharemint.wallet.Unblinding;

/**
 * A restart on the same data dir keeps keyset ids, quotes and their states, signatures and spent
 * proofs — as a wallet sees them, through the wallet's own Cashu client ({@link MintClient}).
 */
class MintRestartTest {
    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    EmbeddedMint start() throws Exception {
        return EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0")));
    }

    static MintClient client(EmbeddedMint mint) {
        return new MintClient("http://127.0.0.1:" + mint.httpAddress().getPort(), HttpClient.newHttpClient(), Duration.ofSeconds(10));
    }

    List<BlindedOutput> outputs(String keysetId, long... amounts) {
        return java.util.Arrays.stream(amounts).mapToObj(a -> BlindedOutput.create(a, keysetId, random)).toList();
    }

    /** The NUT-20 signature over quote id, amounts and B_s (what cashu-ts 4.x sends first). */
    String signAmended(BigInteger key, String quoteId, List<BlindedOutput> o) {
        long[] amounts = o.stream().mapToLong(BlindedOutput::amount).toArray();
        return HEX.formatHex(CashuCrypto.signMintQuote(key, CashuCrypto.mintQuoteDigest(quoteId, amounts, blinded(o)), aux()));
    }

    /** The original NUT-20 signature over quote id and B_ hex strings. */
    String signLegacy(BigInteger key, String quoteId, List<BlindedOutput> o) {
        return HEX.formatHex(CashuCrypto.signMintQuote(key, CashuCrypto.mintQuoteDigestLegacy(quoteId, blinded(o)), aux()));
    }

    private static List<byte[]> blinded(List<BlindedOutput> o) {
        return o.stream().map(BlindedOutput::blinded).toList();
    }

    private byte[] aux() {
        byte[] a = new byte[32];
        random.nextBytes(a);
        return a;
    }

    static List<byte[]> ys(List<Proof> proofs) {
        return proofs.stream().map(p -> Secp256k1.compressed(CashuCrypto.hashToCurve(p.secret()))).toList();
    }

    @Test
    void restartLosesNothing() throws Exception {
        BigInteger key = Secp256k1.randomScalar(random);
        byte[] pub = Secp256k1.compressed(Secp256k1.mulG(key));
        String keysetId;
        String paid;
        String issued;
        Keyset keys;
        List<Proof> spent;
        List<Proof> unspent;
        List<BlindedOutput> signedOutputs;
        byte[] paidShare = new byte[32];
        random.nextBytes(paidShare);
        try (EmbeddedMint mint = start()) {
            MintClient wallet = client(mint);
            keysetId = mint.activeKeysetId();
            keys = wallet.activeKeysets().get(0);
            byte[] s2 = new byte[32];
            random.nextBytes(s2);
            List<QuoteResult> r = mint.createQuotes(List.of(
                new QuoteRequest(paidShare, 2, "hash", pub, System.currentTimeMillis() + 60_000),
                new QuoteRequest(s2, 4, "hash", pub, System.currentTimeMillis() + 60_000)));
            paid = assertInstanceOf(QuoteResult.Quote.class, r.get(0)).quoteId();
            issued = assertInstanceOf(QuoteResult.Quote.class, r.get(1)).quoteId();
            signedOutputs = outputs(keysetId, 2, 2);
            List<Proof> proofs = Unblinding.unblind(signedOutputs, wallet.mint(issued, signedOutputs, signAmended(key, issued, signedOutputs)), keys);
            spent = List.of(proofs.get(0));
            unspent = List.of(proofs.get(1));
            wallet.swap(spent, outputs(keysetId, 1, 1));
        }

        try (EmbeddedMint mint = start()) {
            MintClient wallet = client(mint);
            assertEquals(keysetId, mint.activeKeysetId());
            assertEquals(List.of(keys), wallet.activeKeysets());
            assertEquals("PAID", wallet.quote(paid).state());
            assertEquals("ISSUED", wallet.quote(issued).state());
            // the issued quote stays issued, its outputs stay signed
            assertEquals(20002, assertThrows(MintException.class,
                () -> wallet.mint(issued, signedOutputs, signAmended(key, issued, signedOutputs))).code());
            List<BlindedOutput> firstSigned = List.of(signedOutputs.get(0));
            assertEquals(11003, assertThrows(MintException.class,
                () -> wallet.mint(paid, firstSigned, signAmended(key, paid, firstSigned))).code());
            // spent stays spent, unspent stays spendable with the same keys
            assertEquals(List.of("SPENT", "UNSPENT"), wallet.checkState(ys(List.of(spent.get(0), unspent.get(0)))));
            assertEquals(11001, assertThrows(MintException.class, () -> wallet.swap(spent, outputs(keysetId, 2))).code());
            assertEquals(1, wallet.swap(unspent, outputs(keysetId, 2)).size());
            // and the quote that was only paid can still be minted
            List<BlindedOutput> o = outputs(keysetId, 2);
            assertEquals(1, Unblinding.unblind(o, wallet.mint(paid, o, signLegacy(key, paid, o)), keys).size());
        }
    }
}
