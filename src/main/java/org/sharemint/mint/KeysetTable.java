package org.sharemint.mint;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sharemint.mint.LedgerRecords.KeysetRow;

/** The ledger's {@code keysets} table: each keyset's public facts (its keys are derived from the seed). */
final class KeysetTable {
    private final LedgerConnections db;
    private final PreparedStatement insert;
    private final PreparedStatement retire;
    private final PreparedStatement selectAll;

    KeysetTable(LedgerConnections db) throws SQLException {
        this.db = db;
        insert = db.prepareWrite(
            "INSERT INTO keysets (id, unit, active, input_fee_ppk, derivation_index, id_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        retire = db.prepareWrite("UPDATE keysets SET active = 0 WHERE id = ?");
        selectAll = db.prepareRead(
            "SELECT id, unit, active, input_fee_ppk, derivation_index, id_version, created_at FROM keysets ORDER BY derivation_index");
    }

    List<KeysetRow> all() throws SQLException {
        return db.read(() -> {
            try (ResultSet r = selectAll.executeQuery()) {
                List<KeysetRow> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new KeysetRow(r.getString(1), r.getString(2), r.getBoolean(3), r.getInt(4), r.getInt(5), r.getInt(6), r.getLong(7)));
                }
                return out;
            }
        });
    }

    /** Adds {@code k}; when {@code retiredId} is not null that keyset becomes inactive in the same transaction. */
    void insert(String retiredId, KeysetRow k) throws SQLException {
        db.writeSql(() -> {
            if (retiredId != null) {
                retire.setString(1, retiredId);
                if (retire.executeUpdate() != 1) throw new SQLException("no keyset " + retiredId + " to retire");
            }
            insert.setString(1, k.id());
            insert.setString(2, k.unit());
            insert.setBoolean(3, k.active());
            insert.setInt(4, k.inputFeePpk());
            insert.setInt(5, k.derivationIndex());
            insert.setInt(6, k.idVersion());
            insert.setLong(7, k.createdAtMs());
            return insert.executeUpdate();
        });
    }
}
