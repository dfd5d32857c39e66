package org.sharemint.mint;

import java.math.BigInteger;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sharemint.mint.LedgerRecords.QuoteRow;
import org.sharemint.mint.LedgerRecords.SignatureRow;
import org.sharemint.mint.Requests.BlindedMessage;

/**
 * Minting quotes into ecash (NUT-04, method {@code ehash}; NUT-29 batches; NUT-20 signatures).
 * Everything is checked and signed before the ledger is touched; the ledger then moves the quotes
 * PAID -> ISSUED and stores the signatures in one transaction, re-checking both under its lock.
 */
final class MintOperations {
    private final Ledger ledger;
    private final MintKeys keys;
    private final Clock clock;

    MintOperations(Ledger ledger, MintKeys keys, Clock clock) {
        this.ledger = ledger;
        this.keys = keys;
        this.clock = clock;
    }

    /** {@code POST /v1/mint/ehash}: one quote, its outputs, its NUT-20 signature (null when absent). */
    List<SignatureRow> mint(String quoteId, List<BlindedMessage> outputs, byte[] signature) throws CashuException, SQLException {
        QuoteRow q = mintable(quoteId, "quote");
        List<Keyset> keysets = Outputs.check(outputs, keys, q.unit());
        BigInteger sum = Outputs.sum(outputs);
        if (!sum.equals(Outputs.unsigned(q.amount()))) {
            throw new CashuException(CashuException.NOT_BALANCED,
                "outputs sum to " + sum + ", the quote is for " + Long.toUnsignedString(q.amount()));
        }
        if (q.pubkey() == null) return issue(List.of(q.id()), outputs, keysets, "mint:" + q.id());
        if (signature == null) {
            throw new CashuException(CashuException.SIGNATURE_INVALID, "signature: missing; the quote is locked to a key (NUT-20)");
        }
        if (!QuoteSignatures.valid(q.pubkey(), q.id(), outputs, signature)) {
            throw new CashuException(CashuException.SIGNATURE_INVALID, "signature for mint request invalid");
        }
        return issue(List.of(q.id()), outputs, keysets, "mint:" + q.id());
    }

    /**
     * {@code POST /v1/mint/ehash/batch} (NUT-29): all quotes or none. {@code quoteAmounts} and
     * {@code signatures} may be null only when no quote is locked (NUT-20: a locked quote needs its signature).
     */
    List<SignatureRow> mintBatch(List<String> quoteIds, List<BigInteger> quoteAmounts, List<BlindedMessage> outputs,
                                 List<byte[]> signatures) throws CashuException, SQLException {
        Set<String> unique = new HashSet<>(quoteIds);
        if (unique.size() != quoteIds.size()) throw new CashuException(CashuException.DUPLICATE_QUOTE_IDS, "duplicate quote ids");
        if (quoteAmounts != null && quoteAmounts.size() != quoteIds.size()) {
            throw Requests.bad("quote_amounts: " + quoteAmounts.size() + " entries for " + quoteIds.size() + " quotes");
        }
        List<QuoteRow> quotes = new ArrayList<>(quoteIds.size());
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < quoteIds.size(); i++) {
            QuoteRow q = mintable(quoteIds.get(i), "quotes[" + i + "]");
            if (!quotes.isEmpty() && !q.unit().equals(quotes.get(0).unit())) {
                throw new CashuException(CashuException.MULTIPLE_UNITS, "quotes of more than one unit");
            }
            BigInteger amount = Outputs.unsigned(q.amount());
            if (quoteAmounts != null && !quoteAmounts.get(i).equals(amount)) {
                throw Requests.bad("quote_amounts[" + i + "]: " + quoteAmounts.get(i) + ", the quote is for " + amount);
            }
            total = total.add(amount);
            quotes.add(q);
        }
        List<Keyset> keysets = Outputs.check(outputs, keys, quotes.get(0).unit());
        BigInteger sum = Outputs.sum(outputs);
        if (!sum.equals(total)) throw new CashuException(CashuException.NOT_BALANCED, "outputs sum to " + sum + ", the quotes to " + total);
        boolean anyLocked = quotes.stream().anyMatch(q -> q.pubkey() != null);
        if (anyLocked && (signatures == null || signatures.size() != quotes.size())) {
            throw new CashuException(CashuException.SIGNATURE_INVALID, "signatures: one per quote required (the quotes are locked, NUT-20)");
        }
        for (int i = 0; i < quotes.size(); i++) {
            QuoteRow q = quotes.get(i);
            if (q.pubkey() == null) continue;
            if (signatures.get(i) == null || !QuoteSignatures.valid(q.pubkey(), q.id(), outputs, signatures.get(i))) {
                throw new CashuException(CashuException.SIGNATURE_INVALID, "signatures[" + i + "]: signature for mint request invalid");
            }
        }
        return issue(quoteIds, outputs, keysets, "mint:" + quoteIds.get(0) + (quoteIds.size() > 1 ? "+" + (quoteIds.size() - 1) : ""));
    }

    /** {@code POST /v1/mint/quote/ehash/check} (NUT-29): every quote known, or the request fails. */
    List<QuoteRow> check(List<String> quoteIds) throws CashuException, SQLException {
        Map<String, QuoteRow> found = ledger.quotes(quoteIds);
        List<QuoteRow> out = new ArrayList<>(quoteIds.size());
        for (int i = 0; i < quoteIds.size(); i++) {
            QuoteRow q = found.get(quoteIds.get(i));
            if (q == null) throw Requests.bad("quotes[" + i + "]: quote not found");
            out.add(q);
        }
        return out;
    }

    Optional<QuoteRow> quote(String id) throws SQLException {
        return ledger.quote(id);
    }

    private QuoteRow mintable(String id, String where) throws CashuException, SQLException {
        QuoteRow q = ledger.quote(id).orElseThrow(() -> Requests.bad(where + ": quote not found"));
        switch (q.state()) {
            case ISSUED -> throw new CashuException(CashuException.QUOTE_ALREADY_ISSUED, "quote already issued");
            case UNPAID -> throw new CashuException(CashuException.QUOTE_NOT_PAID, "quote not paid");
            case PAID -> { }
        }
        return q;
    }

    private List<SignatureRow> issue(List<String> quoteIds, List<BlindedMessage> outputs, List<Keyset> keysets, String origin)
        throws CashuException, SQLException {
        List<String> blinded = outputs.stream().map(BlindedMessage::blindedHex).toList();
        if (!ledger.signedAmong(blinded).isEmpty()) {
            throw new CashuException(CashuException.OUTPUTS_ALREADY_SIGNED, "outputs already signed");
        }
        String[] c = Bdhke.sign(outputs, keysets);
        List<SignatureRow> rows = new ArrayList<>(outputs.size());
        for (int i = 0; i < c.length; i++) {
            BlindedMessage o = outputs.get(i);
            rows.add(new SignatureRow(o.blindedHex(), o.amount(), keysets.get(i).id(), c[i], origin));
        }
        ledger.issue(quoteIds, rows, clock.millis());
        return rows;
    }
}
