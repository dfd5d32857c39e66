package org.sharemint.mint;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.sharemint.mint.LedgerRecords.SpentRow;

/** The ledger's {@code spent_proofs} table: the Y of every proof spent (each Y spends once). */
final class SpentProofTable {
    private static final String INSERT =
        "INSERT INTO spent_proofs (y, amount, keyset_id, spent_at) VALUES (?, ?, ?, ?) ON CONFLICT (y) DO NOTHING";

    private final LedgerConnections db;

    SpentProofTable(LedgerConnections db) {
        this.db = db;
    }

    /** The Ys among {@code ys} already spent (read side; the write re-checks under the unique key). */
    Set<String> spentAmong(Collection<String> ys) throws SQLException {
        return db.read(tx -> spentAmong(tx, List.copyOf(ys)));
    }

    /** {@link #spentAmong(Collection)} inside the caller's read, {@link KeyChunks#SIZE} Ys per query. */
    static Set<String> spentAmong(LedgerConnections.Tx tx, List<String> ys) throws SQLException {
        return KeyChunks.existing(tx, SELECT_SPENT_IN, ys);
    }

    private static final String SELECT_SPENT_IN = "SELECT y FROM spent_proofs WHERE y IN (" + KeyChunks.PLACEHOLDERS + ")";

    /**
     * Within the caller's write transaction; refused (PROOF_ALREADY_SPENT) when a Y was spent
     * before. The rows go in sorted by Y, so two transactions on one database that share Ys lock
     * them in the same order and one waits for the other instead of deadlocking.
     */
    void insertNew(LedgerConnections.Tx tx, List<SpentRow> spent, long nowMs) throws SQLException, LedgerConflict {
        List<SpentRow> sorted = spent.stream().sorted(java.util.Comparator.comparing(SpentRow::y)).toList();
        LedgerConnections.insertAllNew(tx.prepare(INSERT), sorted, (p, s) -> {
            p.setString(1, s.y());
            p.setLong(2, s.amount());
            p.setString(3, s.keysetId());
            p.setLong(4, nowMs);
        }, LedgerConflict.Kind.PROOF_ALREADY_SPENT, "proofs already spent");
    }
}
