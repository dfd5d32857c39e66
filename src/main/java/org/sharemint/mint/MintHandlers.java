package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /v1/mint/ehash} (NUT-04 + NUT-20) and {@code POST /v1/mint/ehash/batch} (NUT-29). */
final class MintHandlers {
    private final MintOperations mint;
    private final MintMetrics metrics;

    MintHandlers(MintOperations mint, MintMetrics metrics) {
        this.mint = mint;
        this.metrics = metrics;
    }

    List<Route> routes() {
        return List.of(
            Route.post("/v1/mint/ehash", (p, body) -> {
                String quote = Requests.quoteId(body.get("quote"), "quote");
                var outputs = Requests.outputs(body);
                JsonNode sig = body.get("signature");
                byte[] signature = sig == null || sig.isNull() ? null : Requests.signature(sig, "signature");
                var issued = mint.mint(quote, outputs, signature);
                metrics.minted(1, issued.size());
                return Views.signatures(issued);
            }),
            Route.post("/v1/mint/ehash/batch", (p, body) -> {
                JsonNode arr = Requests.array(body, "quotes", "request", Requests.MAX_BATCH, CashuException.MAX_BATCH_SIZE_EXCEEDED);
                List<String> quotes = new ArrayList<>(arr.size());
                for (int i = 0; i < arr.size(); i++) quotes.add(Requests.quoteId(arr.get(i), "quotes[" + i + "]"));
                List<BigInteger> amounts = null;
                JsonNode qa = body.get("quote_amounts");
                if (qa != null && !qa.isNull()) {
                    if (!qa.isArray()) throw Requests.bad("quote_amounts: expected an array");
                    if (qa.size() > Requests.MAX_BATCH) throw Requests.bad("quote_amounts: more than " + Requests.MAX_BATCH + " entries");
                    amounts = new ArrayList<>(qa.size());
                    for (int i = 0; i < qa.size(); i++) amounts.add(Requests.amount(qa.get(i), "quote_amounts[" + i + "]"));
                }
                var outputs = Requests.outputs(body);
                List<byte[]> signatures = null;
                JsonNode sigs = body.get("signatures");
                if (sigs != null && !sigs.isNull()) {
                    if (!sigs.isArray() || sigs.size() > Requests.MAX_BATCH) {
                        throw new CashuException(CashuException.SIGNATURE_INVALID, "signatures: expected an array, one per quote");
                    }
                    signatures = new ArrayList<>(sigs.size());
                    for (int i = 0; i < sigs.size(); i++) {
                        JsonNode s = sigs.get(i);
                        signatures.add(s.isNull() ? null : Requests.signature(s, "signatures[" + i + "]"));
                    }
                }
                var issued = mint.mintBatch(quotes, amounts, outputs, signatures);
                metrics.minted(quotes.size(), issued.size());
                return Views.signatures(issued);
            }));
    }
}
