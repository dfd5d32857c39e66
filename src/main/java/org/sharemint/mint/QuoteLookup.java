package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.sharemint.crypto.Schnorr;
import org.sharemint.crypto.Secp256k1;
import org.sharemint.mint.LedgerRecords.QuoteRow;

/**
 * {@code POST /v1/mint/quote/ehash/pubkey} (draft "Mint Quote Lookup by Public Key", cashubtc/nuts
 * PR 341): the quotes locked to keys whose owner proves it has them. Each key comes with a BIP340
 * signature over SHA256(UTF8("Cashu_MintQuoteLookup_v1" || mint_pubkey || pubkey)), both keys as
 * the hex strings they are sent as (mint_pubkey is /v1/info's {@code pubkey}): bound to this mint,
 * so a signature shown to one mint opens nothing at another.
 *
 * <p>Bounded: at most {@link #MAX_PUBKEYS} keys (every signature is verified before the ledger is
 * read), at most {@link #MAX_PAGE} quotes per answer. The draft has no paging; ours is optional
 * and additive: {@code "limit"} in the request, and when more quotes remain the answer carries
 * {@code "next"}, a cursor to send back as {@code "after"}. Quotes come in id order, which is
 * oldest first: an id begins with its creation time.
 */
final class QuoteLookup {
    static final int MAX_PUBKEYS = 100;
    static final int MAX_PAGE = 1000;
    static final String DOMAIN = "Cashu_MintQuoteLookup_v1";
    private static final HexFormat HEX = HexFormat.of();

    private final Ledger ledger;
    private final String mintPubkeyHex;

    QuoteLookup(Ledger ledger, MintKeys keys) {
        this.ledger = ledger;
        this.mintPubkeyHex = HEX.formatHex(Secp256k1.compressed(keys.identity()));
    }

    List<Route> routes() {
        return List.of(Route.post("/v1/mint/quote/ehash/pubkey", (p, body) -> lookup(body)));
    }

    /** The digest a key's owner signs to look its quotes up at the mint whose info pubkey is {@code mintPubkeyHex}. */
    static byte[] digest(String mintPubkeyHex, String pubkeyHex) {
        return org.sharemint.crypto.CashuCrypto.mintQuoteLookupDigest(mintPubkeyHex, pubkeyHex);
    }

    private JsonNode lookup(JsonNode body) throws CashuException, java.sql.SQLException {
        JsonNode keys = Requests.array(body, "pubkeys", "request", MAX_PUBKEYS, CashuException.MAX_BATCH_SIZE_EXCEEDED);
        JsonNode sigs = Requests.array(body, "pubkey_signatures", "request", MAX_PUBKEYS, CashuException.MAX_BATCH_SIZE_EXCEEDED);
        if (sigs.size() != keys.size()) throw Requests.bad("pubkey_signatures: one per pubkey, in the same order");
        int limit = MAX_PAGE;
        JsonNode l = body.get("limit");
        if (l != null && !l.isNull()) {
            if (!l.canConvertToInt() || l.asInt() < 1 || l.asInt() > MAX_PAGE) throw Requests.bad("limit: expected 1 to " + MAX_PAGE);
            limit = l.asInt();
        }
        byte[] afterId = new byte[0];
        JsonNode after = body.get("after");
        if (after != null && !after.isNull()) afterId = cursor(after);
        List<byte[]> pubkeys = new ArrayList<>(keys.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String where = "pubkeys[" + i + "]";
            JsonNode k = keys.get(i);
            if (!k.isTextual()) throw Requests.bad(where + ": expected a string");
            String hex = k.textValue();
            byte[] compressed = Secp256k1.compressed(Requests.point(hex, where, CashuException.BAD_REQUEST));
            byte[] sig = Requests.signature(sigs.get(i), "pubkey_signatures[" + i + "]");
            byte[] xonly = java.util.Arrays.copyOfRange(compressed, 1, 33);
            if (!Schnorr.verify(xonly, digest(mintPubkeyHex, hex), sig)) {
                throw new CashuException(CashuException.SIGNATURE_INVALID, "pubkey_signatures[" + i + "]: not a signature by " + where
                    + " over SHA256(\"" + DOMAIN + "\" || mint pubkey || pubkey)");
            }
            if (seen.add(HEX.formatHex(compressed))) pubkeys.add(compressed);
        }
        List<QuoteRow> rows = new ArrayList<>(ledger.quotesByPubkeys(pubkeys, afterId, limit + 1));
        rows.sort(Comparator.comparing(QuoteRow::id)); // lowercase hex of equal length: the ids' byte order
        ObjectNode out = Views.F.objectNode();
        ArrayNode quotes = out.putArray("quotes");
        for (int i = 0; i < Math.min(limit, rows.size()); i++) {
            ObjectNode q = Views.quote(rows.get(i));
            q.put("method", "ehash");
            quotes.add(q);
        }
        if (rows.size() > limit) out.put("next", rows.get(limit - 1).id());
        return out;
    }

    /** Where a page ended: the id of its last quote. */
    private static byte[] cursor(JsonNode v) throws CashuException {
        byte[] id = v.isTextual() && v.textValue().length() <= 100 ? QuoteIds.parse(v.textValue()) : null;
        if (id == null) throw Requests.bad("after: expected a cursor from a previous answer's next");
        return id;
    }
}
