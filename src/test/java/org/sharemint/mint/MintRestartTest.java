package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.crypto.Secp256k1;

/** A restart on the same data dir keeps keyset ids, quotes and their states, signatures and spent proofs. */
class MintRestartTest {
    @TempDir
    Path dir;

    EmbeddedMint start() throws Exception {
        return EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0")));
    }

    @Test
    void restartLosesNothing() throws Exception {
        SecureRandom random = new SecureRandom();
        BigInteger key = Secp256k1.randomScalar(random);
        byte[] pub = Secp256k1.compressed(Secp256k1.mulG(key));
        String keysetId;
        String paid;
        String issued;
        JsonNode keys;
        List<TestWallet.Proof> spent;
        List<TestWallet.Proof> unspent;
        TestWallet.Outputs signedOutputs;
        byte[] paidShare = new byte[32];
        random.nextBytes(paidShare);
        try (EmbeddedMint mint = start()) {
            TestWallet wallet = new TestWallet(mint.httpAddress());
            keysetId = mint.activeKeysetId();
            keys = wallet.activeKeyset();
            byte[] s2 = new byte[32];
            random.nextBytes(s2);
            List<QuoteResult> r = mint.createQuotes(List.of(
                new QuoteRequest(paidShare, 2, "hash", pub, System.currentTimeMillis() + 60_000),
                new QuoteRequest(s2, 4, "hash", pub, System.currentTimeMillis() + 60_000)));
            paid = assertInstanceOf(QuoteResult.Quote.class, r.get(0)).quoteId();
            issued = assertInstanceOf(QuoteResult.Quote.class, r.get(1)).quoteId();
            signedOutputs = wallet.outputs(keysetId, 2, 2);
            List<TestWallet.Proof> proofs = wallet.unblind(
                wallet.post("/v1/mint/ehash", wallet.mintRequest(issued, signedOutputs, wallet.signAmended(key, issued, signedOutputs))),
                signedOutputs, keys);
            spent = List.of(proofs.get(0));
            unspent = List.of(proofs.get(1));
            TestWallet.Outputs change = wallet.outputs(keysetId, 1, 1);
            assertEquals(200, wallet.post("/v1/swap", wallet.swapRequest(spent, change)).status());
        }

        try (EmbeddedMint mint = start()) {
            TestWallet wallet = new TestWallet(mint.httpAddress());
            assertEquals(keysetId, mint.activeKeysetId());
            assertEquals(keys, wallet.activeKeyset());
            assertEquals("PAID", wallet.get("/v1/mint/quote/ehash/" + paid).body().get("state").asText());
            assertEquals("ISSUED", wallet.get("/v1/mint/quote/ehash/" + issued).body().get("state").asText());
            // the issued quote stays issued, its outputs stay signed
            assertEquals(20002, wallet.post("/v1/mint/ehash",
                wallet.mintRequest(issued, signedOutputs, wallet.signAmended(key, issued, signedOutputs))).code());
            TestWallet.Outputs firstSigned = new TestWallet.Outputs(List.of(2L), List.of(signedOutputs.secrets().get(0)),
                List.of(signedOutputs.rs().get(0)), List.of(signedOutputs.blinded().get(0)), keysetId);
            assertEquals(11003, wallet.post("/v1/mint/ehash",
                wallet.mintRequest(paid, firstSigned, wallet.signAmended(key, paid, firstSigned))).code());
            // spent stays spent, unspent stays spendable with the same keys
            assertEquals("SPENT", wallet.post("/v1/checkstate", wallet.checkstateRequest(spent)).body().get("states").get(0).get("state").asText());
            assertEquals(11001, wallet.post("/v1/swap", wallet.swapRequest(spent, wallet.outputs(keysetId, 2))).code());
            assertEquals(200, wallet.post("/v1/swap", wallet.swapRequest(unspent, wallet.outputs(keysetId, 2))).status());
            // and the quote that was only paid can still be minted
            TestWallet.Outputs o = wallet.outputs(keysetId, 2);
            assertEquals(1, wallet.unblind(wallet.post("/v1/mint/ehash", wallet.mintRequest(paid, o, wallet.signLegacy(key, paid, o))), o, keys).size());
        }
    }
}
