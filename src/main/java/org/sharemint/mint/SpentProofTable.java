package org.sharemint.mint;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.sharemint.mint.LedgerRecords.SpentRow;

/** The ledger's {@code spent_proofs} table: the Y of every proof spent (each Y spends once). */
final class SpentProofTable {
    private final LedgerConnections db;
    private final PreparedStatement insert;
    private final PreparedStatement selectSpent;

    SpentProofTable(LedgerConnections db) throws SQLException {
        this.db = db;
        insert = db.prepareWrite(
            "INSERT INTO spent_proofs (y, amount, keyset_id, spent_at) VALUES (?, ?, ?, ?) ON CONFLICT (y) DO NOTHING");
        selectSpent = db.prepareRead("SELECT 1 FROM spent_proofs WHERE y = ?");
    }

    /** The Ys among {@code ys} already spent (read side; the write re-checks under the unique key). */
    Set<String> spentAmong(Collection<String> ys) throws SQLException {
        return db.read(() -> LedgerConnections.existing(selectSpent, ys));
    }

    /** The batch {@link #insertNew} fills: to clear after the transaction. */
    PreparedStatement batch() {
        return insert;
    }

    /** Within the caller's write transaction; refused (PROOF_ALREADY_SPENT) when a Y was spent before. */
    void insertNew(List<SpentRow> spent, long nowMs) throws SQLException, LedgerConflict {
        LedgerConnections.insertAllNew(insert, spent, (p, s) -> {
            p.setString(1, s.y());
            p.setLong(2, s.amount());
            p.setString(3, s.keysetId());
            p.setLong(4, nowMs);
        }, LedgerConflict.Kind.PROOF_ALREADY_SPENT, "proofs already spent");
    }
}
