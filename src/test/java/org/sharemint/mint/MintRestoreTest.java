package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.sharemint.crypto.CashuCrypto;
import org.sharemint.crypto.Secp256k1;

/** NUT-09 {@code POST /v1/restore} over real HTTP with a real SQLite ledger. */
class MintRestoreTest extends LiveMintFixture {
    /** What a mint request made: the outputs the mint signed and the proofs they unblind to. */
    record Minted(TestWallet.Outputs outputs, List<TestWallet.Proof> proofs) {}

    /** Mints {@code amount} (a power of two, as quotes are) for a fresh quote through POST /v1/mint/ehash, as one output. */
    static Minted mint(JsonNode ks, long amount) throws Exception {
        BigInteger key = Secp256k1.randomScalar(RANDOM);
        String quote = quote(key, amount);
        TestWallet.Outputs o = wallet.outputs(ks.get("id").asText(), amount);
        TestWallet.Response r = wallet.post("/v1/mint/ehash", wallet.mintRequest(quote, o, wallet.signAmended(key, quote, o)));
        return new Minted(o, wallet.unblind(r, o, ks));
    }

    static TestWallet.Outputs concat(TestWallet.Outputs... parts) {
        List<Long> amounts = new java.util.ArrayList<>();
        List<String> secrets = new java.util.ArrayList<>();
        List<BigInteger> rs = new java.util.ArrayList<>();
        List<byte[]> blinded = new java.util.ArrayList<>();
        for (TestWallet.Outputs o : parts) {
            amounts.addAll(o.amounts());
            secrets.addAll(o.secrets());
            rs.addAll(o.rs());
            blinded.addAll(o.blinded());
        }
        return new TestWallet.Outputs(amounts, secrets, rs, blinded, parts[0].keysetId());
    }

    static ObjectNode restoreRequest(ArrayNode outputs) {
        ObjectNode req = TestWallet.json().createObjectNode();
        req.set("outputs", outputs);
        return req;
    }

    @Test
    void signedOutputsComeBackUnknownOnesAreLeftOut() throws Exception {
        JsonNode ks = wallet.activeKeyset();
        TestWallet.Outputs signed = concat(mint(ks, 1).outputs(), mint(ks, 4).outputs(), mint(ks, 32).outputs());
        TestWallet.Outputs never = wallet.outputs(ks.get("id").asText(), 2, 8);
        // asked in a mixed order, with a repeat and a placeholder amount (as a seed restore sends)
        ArrayNode ask = TestWallet.json().createArrayNode();
        ask.add(never.json().get(0));
        ask.add(signed.json().get(2));
        ask.add(signed.json().get(0));
        ask.add(never.json().get(1));
        ObjectNode placeholder = (ObjectNode) signed.json().get(1);
        placeholder.put("amount", 1);
        ask.add(placeholder);
        ask.add(signed.json().get(0));

        TestWallet.Response r = wallet.post("/v1/restore", restoreRequest(ask));
        assertEquals(200, r.status(), r.body().toString());
        JsonNode outs = r.body().get("outputs");
        JsonNode sigs = r.body().get("signatures");
        assertEquals(3, outs.size(), r.body().toString());
        assertEquals(3, sigs.size());
        assertEquals(sigs, r.body().get("promises"), "the first version's key, for older wallets");
        int[] order = {2, 0, 1}; // the signed outputs in the order first asked
        for (int i = 0; i < order.length; i++) {
            int j = order[i];
            long amount = signed.amounts().get(j);
            assertEquals(TestWallet.HEX.formatHex(signed.blinded().get(j)), outs.get(i).get("B_").asText());
            assertEquals(amount, outs.get(i).get("amount").asLong(), "the amount the mint signed, not the placeholder");
            assertEquals(amount, sigs.get(i).get("amount").asLong());
            assertEquals(keyset.id(), sigs.get(i).get("id").asText());
            // the restored signature carries a valid DLEQ proof and unblinds to a valid proof
            TestWallet.checkDleq(sigs.get(i), wallet.mintKey(ks, amount), signed.blinded().get(j));
            ECPoint cBlind = Secp256k1.decodePoint(TestWallet.HEX.parseHex(sigs.get(i).get("C_").asText()));
            ECPoint c = CashuCrypto.unblind(cBlind, signed.rs().get(j), wallet.mintKey(ks, amount));
            assertTrue(TestWallet.verifiedBy(keyset, new TestWallet.Proof(amount, keyset.id(), signed.secrets().get(j), c)));
        }

        TestWallet.Response none = wallet.post("/v1/restore", restoreRequest(never.json()));
        assertEquals(200, none.status());
        assertEquals(0, none.body().get("outputs").size());
        assertEquals(0, none.body().get("signatures").size());
    }

    @Test
    void swapOutputsAreRestoredToo() throws Exception {
        JsonNode ks = wallet.activeKeyset();
        List<TestWallet.Proof> proofs = mint(ks, 8).proofs();
        TestWallet.Outputs out = wallet.outputs(ks.get("id").asText(), 4, 4);
        assertEquals(200, wallet.post("/v1/swap", wallet.swapRequest(proofs, out)).status());
        TestWallet.Response r = wallet.post("/v1/restore", restoreRequest(out.json()));
        assertEquals(2, r.body().get("signatures").size(), r.body().toString());
    }

    @Test
    void garbageIs400WithADetail() throws Exception {
        String id = wallet.activeKeyset().get("id").asText();
        byte[] offCurve = new byte[33];
        offCurve[0] = 2;
        offCurve[32] = 5; // x = 5: x^3 + 7 = 132 is not a square mod p
        String[][] bad = {
            {"\"zz\"", "outputs[0].B_"},
            {"\"" + TestWallet.HEX.formatHex(offCurve) + "\"", "outputs[0].B_"},
            {"\"04" + "11".repeat(32) + "\"", "outputs[0].B_"},
            {"5", "outputs[0].B_"},
        };
        for (String[] b : bad) {
            String body = "{\"outputs\":[{\"amount\":1,\"id\":\"" + id + "\",\"B_\":" + b[0] + "}]}";
            TestWallet.Response r = wallet.postRaw("/v1/restore", body.getBytes(StandardCharsets.UTF_8));
            assertEquals(400, r.status(), body);
            assertTrue(r.body().get("detail").asText().contains(b[1]), r.body().toString());
        }
        String b = TestWallet.HEX.formatHex(Secp256k1.compressed(Secp256k1.mulG(BigInteger.TWO)));
        for (String body : new String[] {
            "{}", "{\"outputs\":[]}", "{\"outputs\":{}}", "[1]", "{\"outputs\":[1]}",
            "{\"outputs\":[{\"amount\":-1,\"id\":\"" + id + "\",\"B_\":\"" + b + "\"}]}",
            "{\"outputs\":[{\"amount\":1,\"B_\":\"" + b + "\"}]}",
            "{\"outputs\":[{\"amount\":\"1\",\"id\":\"" + id + "\",\"B_\":\"" + b + "\"}]}",
        }) {
            TestWallet.Response r = wallet.postRaw("/v1/restore", body.getBytes(StandardCharsets.UTF_8));
            assertEquals(400, r.status(), body);
            assertTrue(r.body().get("detail").asText().length() > 0, body);
        }
    }

    @Test
    void tooManyOutputsIs11015() throws Exception {
        String id = wallet.activeKeyset().get("id").asText();
        ArrayNode many = TestWallet.json().createArrayNode();
        String b = TestWallet.HEX.formatHex(Secp256k1.compressed(Secp256k1.mulG(BigInteger.TEN)));
        for (int i = 0; i <= Requests.MAX_OUTPUTS; i++) {
            ObjectNode o = many.addObject();
            o.put("amount", 1);
            o.put("id", id);
            o.put("B_", b);
        }
        TestWallet.Response r = wallet.post("/v1/restore", restoreRequest(many));
        assertEquals(400, r.status());
        assertEquals(CashuException.MAX_OUTPUTS_EXCEEDED, r.code(), r.body().toString());
        many.remove(0);
        assertEquals(200, wallet.post("/v1/restore", restoreRequest(many)).status(), "the limit itself is allowed");
    }
}
