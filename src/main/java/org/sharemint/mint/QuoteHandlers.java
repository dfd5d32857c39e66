package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.sharemint.mint.LedgerRecords.QuoteRow;

/**
 * Mint quotes over HTTP (method {@code ehash}): look one up, check a batch (NUT-29), and refuse a
 * wallet's request for a new one — quotes here come from accepted mining shares only.
 */
final class QuoteHandlers {
    private final MintOperations mint;

    QuoteHandlers(MintOperations mint) {
        this.mint = mint;
    }

    List<Route> routes() {
        return List.of(
            Route.post("/v1/mint/quote/ehash", (p, b) -> {
                throw Requests.bad("quotes come from shares: this mint creates an ehash quote for each accepted mining share; "
                    + "mine to the pool to get one");
            }),
            Route.get("/v1/mint/quote/ehash/{}", (p, b) -> {
                String id = p.get(0);
                QuoteRow q = id.length() > Requests.MAX_QUOTE_ID_CHARS ? null : mint.quote(id).orElse(null);
                if (q == null) throw Requests.bad("quote not found: " + KeysHandlers.abbreviate(id));
                return Views.quote(q);
            }),
            Route.post("/v1/mint/quote/ehash/check", (p, body) -> {
                JsonNode arr = Requests.array(body, "quotes", "request", Requests.MAX_BATCH, CashuException.MAX_BATCH_SIZE_EXCEEDED);
                List<String> ids = new ArrayList<>(arr.size());
                for (int i = 0; i < arr.size(); i++) ids.add(Requests.quoteId(arr.get(i), "quotes[" + i + "]"));
                if (ids.stream().distinct().count() != ids.size()) {
                    throw new CashuException(CashuException.DUPLICATE_QUOTE_IDS, "duplicate quote ids");
                }
                ArrayNode out = Views.F.arrayNode();
                for (QuoteRow q : mint.check(ids)) out.add(Views.quote(q));
                return out;
            }));
    }
}
