package org.sharemint.mint;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.sharemint.mint.LedgerRecords.KeysetRow;

/** The ledger's {@code keysets} table: each keyset's public facts (its keys are derived from the seed). */
final class KeysetTable {
    private static final String INSERT =
        "INSERT INTO keysets (id, unit, active, input_fee_ppk, derivation_index, id_version, created_at, final_expiry) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RETIRE = "UPDATE keysets SET active = ? WHERE id = ?";
    private static final String SELECT_ALL =
        "SELECT id, unit, active, input_fee_ppk, derivation_index, id_version, created_at, final_expiry FROM keysets ORDER BY derivation_index";

    private final LedgerConnections db;

    KeysetTable(LedgerConnections db) {
        this.db = db;
    }

    List<KeysetRow> all() throws SQLException {
        return db.read(tx -> {
            try (ResultSet r = tx.prepare(SELECT_ALL).executeQuery()) {
                List<KeysetRow> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new KeysetRow(r.getString(1), r.getString(2), r.getBoolean(3), r.getInt(4), r.getInt(5), r.getInt(6), r.getLong(7),
                        r.getObject(8) == null ? null : r.getLong(8)));
                }
                return out;
            }
        });
    }

    /** Adds {@code k}; when {@code retiredId} is not null that keyset becomes inactive in the same transaction. */
    void insert(String retiredId, KeysetRow k) throws SQLException {
        db.writeSql(tx -> {
            if (retiredId != null) {
                PreparedStatement retire = tx.prepare(RETIRE);
                retire.setBoolean(1, false);
                retire.setString(2, retiredId);
                if (retire.executeUpdate() != 1) throw new SQLException("no keyset " + retiredId + " to retire");
            }
            PreparedStatement insert = tx.prepare(INSERT);
            insert.setString(1, k.id());
            insert.setString(2, k.unit());
            insert.setBoolean(3, k.active());
            insert.setInt(4, k.inputFeePpk());
            insert.setInt(5, k.derivationIndex());
            insert.setInt(6, k.idVersion());
            insert.setLong(7, k.createdAtMs());
            if (k.finalExpiry() == null) insert.setNull(8, java.sql.Types.BIGINT);
            else insert.setLong(8, k.finalExpiry());
            return insert.executeUpdate();
        });
    }
}
