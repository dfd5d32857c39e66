package org.sharemint.mint;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sharemint.monitor.MintFacts;
import org.sharemint.monitor.MintSource;
import org.tinylog.Logger;

/**
 * The mint's facts for the monitor (/api/v1/mint): its keysets, the ledger's quotes by state
 * and the proofs spent (counted in the ledger: a full read of those tables, which the monitor
 * asks for at most every few seconds) and this process's counters. Sums are doubles, cast in SQL
 * (2^63 per quote would overflow a BIGINT sum), which SQLite and PostgreSQL both accept.
 */
final class LedgerTotals implements MintSource {
    private final LedgerConnections db;
    private final MintKeys keys;
    private final MintMetrics metrics;
    private static final String QUOTES_BY_STATE = "SELECT state, COUNT(*), SUM(CAST(amount AS DOUBLE PRECISION)) FROM quotes GROUP BY state";
    private static final String SPENT = "SELECT COUNT(*), SUM(CAST(amount AS DOUBLE PRECISION)) FROM spent_proofs";

    LedgerTotals(Ledger ledger, MintKeys keys, MintMetrics metrics) {
        this.db = ledger.connections();
        this.keys = keys;
        this.metrics = metrics;
    }

    @Override
    public MintFacts facts() {
        Map<String, MintFacts.Amounts> byState = new LinkedHashMap<>();
        for (QuoteState s : QuoteState.values()) byState.put(s.name(), new MintFacts.Amounts(0, 0));
        MintFacts.Amounts redeemed = new MintFacts.Amounts(0, 0);
        try {
            redeemed = db.read(tx -> {
                try (ResultSet r = tx.prepare(QUOTES_BY_STATE).executeQuery()) {
                    while (r.next()) byState.put(r.getString(1), new MintFacts.Amounts(r.getLong(2), r.getDouble(3)));
                }
                try (ResultSet r = tx.prepare(SPENT).executeQuery()) {
                    return r.next() ? new MintFacts.Amounts(r.getLong(1), r.getDouble(2)) : new MintFacts.Amounts(0, 0);
                }
            });
        } catch (SQLException e) {
            Logger.warn("mint: counting the ledger for the monitor failed: {}", e.getMessage());
        }
        return new MintFacts(
                keys.all().stream().map(k -> new MintFacts.KeysetInfo(k.id(), k.unit(), k.active(), k.inputFeePpk())).toList(),
                byState, redeemed,
                new MintFacts.Counters(metrics.quotesCreated.get(), metrics.quotesIssued.get(), metrics.mints.get(), metrics.swaps.get(),
                        metrics.proofsSpent.get(), metrics.signaturesIssued.get()));
    }

    @Override
    public long signaturesIssued() {
        return metrics.signaturesIssued.get();
    }
}
