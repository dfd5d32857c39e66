package org.sharemint.mint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.sharemint.mint.LedgerRecords.QuoteRow;
import org.sharemint.mint.LedgerRecords.SignatureRow;

/** The JSON shapes of the Cashu API's responses (NUT-00, 01, 02, 04, 20). */
final class Views {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Views() {}

    /** An unsigned 64-bit amount as a JSON integer (2^63 does not fit a signed long). */
    static void putAmount(ObjectNode o, String name, long unsigned) {
        if (unsigned >= 0) o.put(name, unsigned);
        else o.put(name, new BigInteger(Long.toUnsignedString(unsigned)));
    }

    /**
     * A mint quote (NUT-04 + NUT-20). {@code request} is the share hash in Bitcoin's display order
     * (the SHA256d bytes reversed), as block hashes are shown.
     */
    static ObjectNode quote(QuoteRow q) {
        ObjectNode o = F.objectNode();
        o.put("quote", q.id());
        o.put("request", displayOrder(q.shareHash()));
        putAmount(o, "amount", q.amount());
        o.put("unit", q.unit());
        o.put("state", q.state().name());
        o.putNull("expiry");
        o.put("pubkey", q.pubkey());
        return o;
    }

    static String displayOrder(String internalHex) {
        byte[] b = HexFormat.of().parseHex(internalHex);
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
        return HexFormat.of().formatHex(b);
    }

    /** NUT-00 BlindSignatures, each with its NUT-12 {@code dleq} {e, s}. */
    static ObjectNode signatures(List<Promise> promises) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("signatures");
        for (Promise p : promises) {
            SignatureRow r = p.row();
            ObjectNode s = a.addObject();
            putAmount(s, "amount", r.amount());
            s.put("id", r.keysetId());
            s.put("C_", r.signature());
            ObjectNode d = s.putObject("dleq");
            d.put("e", HexFormat.of().formatHex(p.dleq().e()));
            d.put("s", HexFormat.of().formatHex(p.dleq().s()));
        }
        return o;
    }

    /**
     * NUT-09 restore answer: {@code outputs} (the blinded messages as signed: amount, keyset, B_)
     * and {@code signatures} of equal length and order; {@code promises} repeats the signatures
     * for wallets written against the NUT's first version.
     */
    static ObjectNode restore(List<Promise> promises) {
        ObjectNode o = signatures(promises);
        ArrayNode outputs = F.arrayNode();
        for (Promise p : promises) {
            SignatureRow r = p.row();
            ObjectNode m = outputs.addObject();
            putAmount(m, "amount", r.amount());
            m.put("id", r.keysetId());
            m.put("B_", r.blinded());
        }
        ObjectNode answer = F.objectNode();
        answer.set("outputs", outputs);
        answer.set("signatures", o.get("signatures"));
        answer.set("promises", o.get("signatures").deepCopy());
        return answer;
    }

    /** NUT-02 keyset entry (no keys). */
    static ObjectNode keysetInfo(Keyset k) {
        ObjectNode o = F.objectNode();
        o.put("id", k.id());
        o.put("unit", k.unit());
        o.put("active", k.active());
        o.put("input_fee_ppk", k.inputFeePpk());
        if (k.finalExpiry() == null) o.putNull("final_expiry");
        else o.put("final_expiry", k.finalExpiry());
        return o;
    }

    /** NUT-01 keyset with its keys, amounts ascending. */
    static ObjectNode keysetWithKeys(Keyset k) {
        ObjectNode o = keysetInfo(k);
        ObjectNode keys = o.putObject("keys");
        for (Map.Entry<BigInteger, String> e : k.keysHex().entrySet()) keys.put(e.getKey().toString(), e.getValue());
        return o;
    }

    static ObjectNode keysets(List<Keyset> keysets, boolean withKeys) {
        ObjectNode o = F.objectNode();
        ArrayNode a = o.putArray("keysets");
        for (Keyset k : keysets) a.add(withKeys ? keysetWithKeys(k) : keysetInfo(k));
        return o;
    }

    /** NUT-06 mint info. */
    static ObjectNode info(String name, String pubkeyHex, String version, long nowSeconds) {
        ObjectNode o = F.objectNode();
        o.put("name", name);
        o.put("pubkey", pubkeyHex);
        o.put("version", version);
        o.put("description", "ecash for proof of work: every accepted mining share is a paid mint quote (method ehash, unit hash)");
        o.put("time", nowSeconds);
        ObjectNode nuts = o.putObject("nuts");
        ObjectNode n4 = nuts.putObject("4");
        ObjectNode method = n4.putArray("methods").addObject();
        method.put("method", "ehash");
        method.put("unit", MintKeys.UNIT);
        n4.put("disabled", false);
        ObjectNode n5 = nuts.putObject("5");
        n5.putArray("methods");
        n5.put("disabled", true);
        for (String supported : new String[] {"3", "7", "9", "12", "20"}) nuts.putObject(supported).put("supported", true);
        ObjectNode n29 = nuts.putObject("29");
        n29.put("max_batch_size", Requests.MAX_BATCH);
        n29.putArray("methods").add("ehash");
        // the draft lookup by locking key (cashubtc/nuts PR 341) has no NUT number yet: named, not numbered
        ObjectNode lookup = nuts.putObject("mint_quote_lookup");
        lookup.put("supported", true);
        lookup.putArray("methods").add("ehash");
        lookup.put("max_pubkeys", QuoteLookup.MAX_PUBKEYS);
        lookup.put("max_page", QuoteLookup.MAX_PAGE);
        return o;
    }
}
