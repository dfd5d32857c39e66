package org.sharemint.mint;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.mint.LedgerRecords.SignatureRow;

/**
 * {@code POST /v1/restore} (NUT-09): the signatures this mint already gave on some blinded
 * messages, so a wallet that lost an answer (a crash after the mint signed, a dropped
 * connection) can unblind them again. Only the B_ is looked up: the amount and keyset a wallet
 * sends are checked for form, and the answer carries the ones the mint signed with. B_s it never
 * signed are left out; each B_ is answered once, in the order first asked.
 */
final class RestoreHandlers {
    private final Ledger ledger;
    private final MintKeys keys;

    RestoreHandlers(Ledger ledger, MintKeys keys) {
        this.ledger = ledger;
        this.keys = keys;
    }

    List<Route> routes() {
        return List.of(Route.post("/v1/restore", (p, body) -> Views.restore(restore(blinded(body)))));
    }

    /** The requested B_s (lowercase hex, on the curve), without repeats, in request order. */
    static List<String> blinded(JsonNode body) throws CashuException {
        JsonNode arr = Requests.array(body, "outputs", "request", Requests.MAX_OUTPUTS, CashuException.MAX_OUTPUTS_EXCEEDED);
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            String where = "outputs[" + i + "]";
            JsonNode o = arr.get(i);
            // wallets restoring from a seed send placeholder amounts (1, sometimes 0): any u64 is accepted
            Requests.amount(Requests.field(o, "amount", where), where + ".amount");
            Requests.string(o, "id", where, 66);
            String b = Requests.string(o, "B_", where, 66).toLowerCase(Locale.ROOT);
            Requests.point(b, where + ".B_", CashuException.BAD_REQUEST);
            out.add(b);
        }
        return new ArrayList<>(out);
    }

    /** The stored signatures with their DLEQ proofs, derived again (the nonce is deterministic: the same proof as first given). */
    private List<Promise> restore(List<String> blinded) throws SQLException, CashuException {
        Map<String, SignatureRow> found = ledger.signaturesOf(blinded);
        List<Promise> out = new ArrayList<>(found.size());
        for (String b : blinded) {
            SignatureRow r = found.get(b);
            if (r == null) continue;
            Keyset k = keys.byId(r.keysetId());
            if (k == null) throw new IllegalStateException("the ledger has a signature of keyset " + r.keysetId() + ", which the mint did not load");
            ECPoint blindedPoint = Requests.point(r.blinded(), "B_", CashuException.BAD_REQUEST);
            ECPoint c = Requests.point(r.signature(), "C_", CashuException.BAD_REQUEST);
            out.add(new Promise(r, Bdhke.prove(k, Long.numberOfTrailingZeros(r.amount()), blindedPoint, c)));
        }
        return out;
    }
}
