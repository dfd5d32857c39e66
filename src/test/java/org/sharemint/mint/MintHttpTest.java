package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sharemint.crypto.Secp256k1;

/** The Cashu API over real HTTP on loopback, with a real SQLite ledger: quotes from shares to spent ecash. */
class MintHttpTest extends LiveMintFixture {
    static List<TestWallet.Proof> mintProofs(BigInteger key, long... amounts) throws Exception {
        long total = 0;
        for (long a : amounts) total += a;
        String id = quote(key, total);
        JsonNode ks = wallet.activeKeyset();
        TestWallet.Outputs o = wallet.outputs(ks.get("id").asText(), amounts);
        return wallet.unblind(wallet.post("/v1/mint/ehash", wallet.mintRequest(id, o, wallet.signAmended(key, id, o))), o, ks);
    }

    @Test
    void infoKeysAndKeysets() throws Exception {
        TestWallet.Response info = wallet.get("/v1/info");
        assertEquals(200, info.status());
        assertEquals("sharemint", info.body().get("name").asText());
        assertEquals(66, info.body().get("pubkey").asText().length());
        JsonNode m = info.body().get("nuts").get("4").get("methods").get(0);
        assertEquals("ehash", m.get("method").asText());
        assertEquals("hash", m.get("unit").asText());
        assertTrue(info.body().get("nuts").get("20").get("supported").asBoolean());
        assertTrue(info.body().get("nuts").get("7").get("supported").asBoolean());
        assertTrue(info.body().get("nuts").get("9").get("supported").asBoolean());
        assertTrue(info.body().get("nuts").get("12").get("supported").asBoolean(), "NUT-12: every signature carries a DLEQ proof");
        assertEquals("ehash", info.body().get("nuts").get("29").get("methods").get(0).asText());

        JsonNode ks = wallet.activeKeyset();
        assertEquals(keyset.id(), ks.get("id").asText());
        assertEquals(mint.activeKeysetId(), keyset.id());
        assertEquals("hash", ks.get("unit").asText());
        assertEquals(64, ks.get("keys").size());
        assertEquals(keyset.keysHex().get(BigInteger.ONE.shiftLeft(63)), ks.get("keys").get("9223372036854775808").asText());

        TestWallet.Response one = wallet.get("/v1/keys/" + keyset.id());
        assertEquals(200, one.status());
        assertEquals(ks, one.body().get("keysets").get(0));
        TestWallet.Response sets = wallet.get("/v1/keysets");
        assertEquals(keyset.id(), sets.body().get("keysets").get(0).get("id").asText());
        assertTrue(sets.body().get("keysets").get(0).get("active").asBoolean());
        assertEquals(0, sets.body().get("keysets").get(0).get("input_fee_ppk").asInt());

        TestWallet.Response unknown = wallet.get("/v1/keys/01" + "ab".repeat(32));
        assertEquals(400, unknown.status());
        assertEquals(12001, unknown.code());
    }

    @Test
    void quoteFromSharesIsPaidOverHttp() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        byte[] share = new byte[32];
        RANDOM.nextBytes(share);
        share[0] = 1;
        share[31] = 0;
        byte[] pub = Secp256k1.compressed(Secp256k1.mulG(key));
        QuoteResult.Quote q = assertInstanceOf(QuoteResult.Quote.class,
            mint.createQuotes(List.of(new QuoteRequest(share, 8, "hash", pub, System.currentTimeMillis() + 60_000))).get(0));
        assertEquals(keyset.id(), TestWallet.HEX.formatHex(q.keysetId()));
        assertTrue(q.quoteId().length() >= 32);
        TestWallet.Response r = wallet.get("/v1/mint/quote/ehash/" + q.quoteId());
        assertEquals(200, r.status(), r.body().toString());
        assertEquals(q.quoteId(), r.body().get("quote").asText());
        assertEquals("PAID", r.body().get("state").asText());
        assertEquals(8, r.body().get("amount").asLong());
        assertEquals("hash", r.body().get("unit").asText());
        assertTrue(r.body().get("expiry").isNull());
        assertEquals(TestWallet.HEX.formatHex(pub), r.body().get("pubkey").asText());
        // request: the share hash in display order (bytes reversed)
        String request = r.body().get("request").asText();
        assertTrue(request.startsWith("00") && request.endsWith("01"), request);

        assertEquals(400, wallet.get("/v1/mint/quote/ehash/" + "00".repeat(16)).status());
    }

    @Test
    void unlockedQuoteMintsWithoutSignature() throws Exception {
        // a pool run with ehash.require-locking-key=false and no key sends an empty locking key
        byte[] share = new byte[32];
        RANDOM.nextBytes(share);
        QuoteResult.Quote q = assertInstanceOf(QuoteResult.Quote.class,
            mint.createQuotes(List.of(new QuoteRequest(share, 2, "hash", new byte[0], System.currentTimeMillis() + 60_000))).get(0));
        TestWallet.Response r = wallet.get("/v1/mint/quote/ehash/" + q.quoteId());
        assertTrue(r.body().get("pubkey").isNull(), r.body().toString());
        JsonNode ks = wallet.activeKeyset();
        TestWallet.Outputs o = wallet.outputs(ks.get("id").asText(), 2);
        assertEquals(1, wallet.unblind(wallet.post("/v1/mint/ehash", wallet.mintRequest(q.quoteId(), o, null)), o, ks).size());
        assertEquals("ISSUED", wallet.get("/v1/mint/quote/ehash/" + q.quoteId()).body().get("state").asText());
    }

    @Test
    void walletMintsSwapsAndSeesSpent() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        List<TestWallet.Proof> proofs = mintProofs(key, 4, 2, 2);
        for (TestWallet.Proof p : proofs) assertTrue(TestWallet.verifiedBy(keyset, p), "proof verifies: " + p);

        TestWallet.Response state = wallet.post("/v1/checkstate", wallet.checkstateRequest(proofs));
        for (JsonNode s : state.body().get("states")) assertEquals("UNSPENT", s.get("state").asText());

        TestWallet.Outputs o = wallet.outputs(keyset.id(), 8);
        List<TestWallet.Proof> swapped = wallet.unblind(wallet.post("/v1/swap", wallet.swapRequest(proofs, o)), o, wallet.activeKeyset());
        assertEquals(1, swapped.size());
        assertTrue(TestWallet.verifiedBy(keyset, swapped.get(0)));

        state = wallet.post("/v1/checkstate", wallet.checkstateRequest(proofs));
        assertEquals(3, state.body().get("states").size());
        for (int i = 0; i < 3; i++) {
            JsonNode s = state.body().get("states").get(i);
            assertEquals("SPENT", s.get("state").asText());
            assertEquals(proofs.get(i).y(), s.get("Y").asText());
        }

        // double spend
        TestWallet.Response again = wallet.post("/v1/swap", wallet.swapRequest(proofs, wallet.outputs(keyset.id(), 8)));
        assertEquals(400, again.status());
        assertEquals(11001, again.code());
    }

    @Test
    void legacySignatureFormIsAccepted() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        String id = quote(key, 2);
        TestWallet.Outputs o = wallet.outputs(keyset.id(), 1, 1);
        TestWallet.Response r = wallet.post("/v1/mint/ehash", wallet.mintRequest(id, o, wallet.signLegacy(key, id, o)));
        assertEquals(2, wallet.unblind(r, o, wallet.activeKeyset()).size());
        assertEquals("ISSUED", wallet.get("/v1/mint/quote/ehash/" + id).body().get("state").asText());
    }

    @Test
    void issuedQuoteIsRefused20002() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        String id = quote(key, 1);
        TestWallet.Outputs o = wallet.outputs(keyset.id(), 1);
        assertEquals(200, wallet.post("/v1/mint/ehash", wallet.mintRequest(id, o, wallet.signAmended(key, id, o))).status());
        TestWallet.Outputs o2 = wallet.outputs(keyset.id(), 1);
        TestWallet.Response r = wallet.post("/v1/mint/ehash", wallet.mintRequest(id, o2, wallet.signAmended(key, id, o2)));
        assertEquals(400, r.status());
        assertEquals(20002, r.code());
    }

    @Test
    void badSignatureIs20008() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        BigInteger other = Secp256k1.randomScalar(RANDOM);
        String id = quote(key, 2);
        TestWallet.Outputs o = wallet.outputs(keyset.id(), 2);
        TestWallet.Response r = wallet.post("/v1/mint/ehash", wallet.mintRequest(id, o, wallet.signAmended(other, id, o)));
        assertEquals(400, r.status());
        assertEquals(20008, r.code());
        // a signature over other outputs does not cover these
        TestWallet.Outputs o2 = wallet.outputs(keyset.id(), 2);
        assertEquals(20008, wallet.post("/v1/mint/ehash", wallet.mintRequest(id, o2, wallet.signAmended(key, id, o))).code());
        // no signature at all
        assertEquals(20008, wallet.post("/v1/mint/ehash", wallet.mintRequest(id, o, null)).code());
        assertEquals(20008, wallet.post("/v1/mint/ehash", wallet.mintRequest(id, o, "zz".repeat(64))).code());
        // the quote is still mintable with the right signature
        assertEquals(200, wallet.post("/v1/mint/ehash", wallet.mintRequest(id, o, wallet.signAmended(key, id, o))).status());
    }

    @Test
    void mintRefusals() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        String id = quote(key, 4);
        TestWallet.Outputs wrongSum = wallet.outputs(keyset.id(), 2);
        assertEquals(11005, wallet.post("/v1/mint/ehash", wallet.mintRequest(id, wrongSum, wallet.signAmended(key, id, wrongSum))).code());
        TestWallet.Outputs unknown = wallet.outputs("01" + "cd".repeat(32), 4);
        assertEquals(12001, wallet.post("/v1/mint/ehash", wallet.mintRequest(id, unknown, wallet.signAmended(key, id, unknown))).code());
        TestWallet.Outputs dup = wallet.outputs(keyset.id(), 2);
        dup = new TestWallet.Outputs(List.of(2L, 2L), List.of(dup.secrets().get(0), dup.secrets().get(0)), List.of(dup.rs().get(0), dup.rs().get(0)),
            List.of(dup.blinded().get(0), dup.blinded().get(0)), keyset.id());
        assertEquals(11008, wallet.post("/v1/mint/ehash", wallet.mintRequest(id, dup, wallet.signAmended(key, id, dup))).code());
        assertEquals("PAID", wallet.get("/v1/mint/quote/ehash/" + id).body().get("state").asText());
    }

    @Test
    void outputsAlreadySignedIs11003() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        String a = quote(key, 1);
        String b = quote(key, 1);
        TestWallet.Outputs o = wallet.outputs(keyset.id(), 1);
        assertEquals(200, wallet.post("/v1/mint/ehash", wallet.mintRequest(a, o, wallet.signAmended(key, a, o))).status());
        TestWallet.Response r = wallet.post("/v1/mint/ehash", wallet.mintRequest(b, o, wallet.signAmended(key, b, o)));
        assertEquals(11003, r.code());
        assertEquals("PAID", wallet.get("/v1/mint/quote/ehash/" + b).body().get("state").asText());
    }

    @Test
    void swapRefusals() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        List<TestWallet.Proof> proofs = mintProofs(key, 2, 2);
        // unbalanced
        TestWallet.Response r = wallet.post("/v1/swap", wallet.swapRequest(proofs, wallet.outputs(keyset.id(), 8)));
        assertEquals(11005, r.code());
        // unknown keyset in outputs
        assertEquals(12001, wallet.post("/v1/swap", wallet.swapRequest(proofs, wallet.outputs("00ffffffffffffff", 4))).code());
        // duplicate inputs
        assertEquals(11007, wallet.post("/v1/swap", wallet.swapRequest(List.of(proofs.get(0), proofs.get(0)), wallet.outputs(keyset.id(), 4))).code());
        // duplicate outputs
        TestWallet.Outputs one = wallet.outputs(keyset.id(), 2);
        TestWallet.Outputs dup = new TestWallet.Outputs(List.of(2L, 2L), List.of(one.secrets().get(0), one.secrets().get(0)),
            List.of(one.rs().get(0), one.rs().get(0)), List.of(one.blinded().get(0), one.blinded().get(0)), keyset.id());
        assertEquals(11008, wallet.post("/v1/swap", wallet.swapRequest(proofs, dup)).code());
        // a forged proof (wrong C)
        TestWallet.Proof forged = new TestWallet.Proof(2, keyset.id(), proofs.get(0).secret(), proofs.get(1).c());
        assertEquals(10001, wallet.post("/v1/swap", wallet.swapRequest(List.of(forged, proofs.get(1)), wallet.outputs(keyset.id(), 4))).code());
        // a proof claiming a larger amount than it was signed for
        TestWallet.Proof inflated = new TestWallet.Proof(4, keyset.id(), proofs.get(0).secret(), proofs.get(0).c());
        assertEquals(10001, wallet.post("/v1/swap", wallet.swapRequest(List.of(inflated), wallet.outputs(keyset.id(), 4))).code());
        // nothing above spent anything
        for (JsonNode s : wallet.post("/v1/checkstate", wallet.checkstateRequest(proofs)).body().get("states")) {
            assertEquals("UNSPENT", s.get("state").asText());
        }
        assertEquals(200, wallet.post("/v1/swap", wallet.swapRequest(proofs, wallet.outputs(keyset.id(), 1, 1, 2))).status());
    }

    @Test
    void batchCheckAndBatchMint() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        String a = quote(key, 4);
        String b = quote(key, 2);
        ObjectNode check = TestWallet.json().createObjectNode();
        check.putArray("quotes").add(a).add(b);
        TestWallet.Response c = wallet.post("/v1/mint/quote/ehash/check", check);
        assertEquals(200, c.status(), c.body().toString());
        assertEquals(a, c.body().get(0).get("quote").asText());
        assertEquals("PAID", c.body().get(1).get("state").asText());
        assertEquals(2, c.body().get(1).get("amount").asInt());

        TestWallet.Outputs o = wallet.outputs(keyset.id(), 2, 4);
        ObjectNode req = TestWallet.json().createObjectNode();
        req.putArray("quotes").add(a).add(b);
        req.putArray("quote_amounts").add(4).add(2);
        req.set("outputs", o.json());
        req.putArray("signatures").add(wallet.signAmended(key, a, o)).add(wallet.signLegacy(key, b, o));
        List<TestWallet.Proof> proofs = wallet.unblind(wallet.post("/v1/mint/ehash/batch", req), o, wallet.activeKeyset());
        for (TestWallet.Proof p : proofs) assertTrue(TestWallet.verifiedBy(keyset, p));
        assertEquals("ISSUED", wallet.post("/v1/mint/quote/ehash/check", check).body().get(0).get("state").asText());
        assertEquals(20002, wallet.post("/v1/mint/ehash/batch", req).code());

        // all or nothing: one bad signature fails the batch and leaves both quotes PAID
        String d = quote(key, 1);
        String e = quote(key, 1);
        TestWallet.Outputs o2 = wallet.outputs(keyset.id(), 1, 1);
        ObjectNode bad = TestWallet.json().createObjectNode();
        bad.putArray("quotes").add(d).add(e);
        bad.set("outputs", o2.json());
        bad.putArray("signatures").add(wallet.signAmended(key, d, o2)).add(wallet.signAmended(Secp256k1.randomScalar(RANDOM), e, o2));
        assertEquals(20008, wallet.post("/v1/mint/ehash/batch", bad).code());
        ObjectNode dupIds = TestWallet.json().createObjectNode();
        dupIds.putArray("quotes").add(d).add(d);
        dupIds.set("outputs", o2.json());
        assertEquals(11016, wallet.post("/v1/mint/ehash/batch", dupIds).code());
        ObjectNode checkDe = TestWallet.json().createObjectNode();
        checkDe.putArray("quotes").add(d).add(e);
        for (JsonNode q : wallet.post("/v1/mint/quote/ehash/check", checkDe).body()) assertEquals("PAID", q.get("state").asText());
        ObjectNode unknown = TestWallet.json().createObjectNode();
        unknown.putArray("quotes").add(d).add("nope");
        assertEquals(400, wallet.post("/v1/mint/quote/ehash/check", unknown).status());
    }

    @Test
    void walletCannotAskForAQuote() throws Exception {
        ObjectNode req = TestWallet.json().createObjectNode();
        req.put("amount", 8);
        req.put("unit", "hash");
        TestWallet.Response r = wallet.post("/v1/mint/quote/ehash", req);
        assertEquals(400, r.status());
        assertTrue(r.body().get("detail").asText().contains("quotes come from shares"), r.body().toString());
    }

    @Test
    void largestAmountMintsWithOneOutput() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        List<TestWallet.Proof> p = mintProofs(key, Long.MIN_VALUE); // 2^63
        assertTrue(TestWallet.verifiedBy(keyset, p.get(0)));
        TestWallet.Outputs halves = wallet.outputs(keyset.id(), 1L << 62, 1L << 62);
        List<TestWallet.Proof> h = wallet.unblind(wallet.post("/v1/swap", wallet.swapRequest(p, halves)), halves, wallet.activeKeyset());
        for (TestWallet.Proof half : h) assertTrue(TestWallet.verifiedBy(keyset, half));
    }

    @Test
    void concurrentDoubleSpendAndDoubleMintHaveOneWinner() throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        List<TestWallet.Proof> proofs = mintProofs(key, 2, 2);
        String id = quote(key, 4);
        int n = 8;
        List<java.util.concurrent.Future<TestWallet.Response>> swaps = new java.util.ArrayList<>();
        List<java.util.concurrent.Future<TestWallet.Response>> mints = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < n; i++) {
                ObjectNode swap = wallet.swapRequest(proofs, wallet.outputs(keyset.id(), 4));
                TestWallet.Outputs o = wallet.outputs(keyset.id(), 4);
                ObjectNode mintReq = wallet.mintRequest(id, o, wallet.signAmended(key, id, o));
                swaps.add(pool.submit(() -> { go.await(); return wallet.post("/v1/swap", swap); }));
                mints.add(pool.submit(() -> { go.await(); return wallet.post("/v1/mint/ehash", mintReq); }));
            }
            go.countDown();
            int swapWins = 0;
            int mintWins = 0;
            for (var f : swaps) {
                TestWallet.Response r = f.get();
                if (r.status() == 200) swapWins++;
                else assertEquals(11001, r.code(), r.body().toString());
            }
            for (var f : mints) {
                TestWallet.Response r = f.get();
                if (r.status() == 200) mintWins++;
                else assertEquals(20002, r.code(), r.body().toString());
            }
            assertEquals(1, swapWins);
            assertEquals(1, mintWins);
        }
    }
}
