package org.sharemint.mint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharemint.config.ConfigException;
import org.tinylog.Logger;

/**
 * {@code sharemint mint migrate-ledger}: copies a whole ledger (keysets, quotes, signatures, spent
 * proofs) from one database to another — typically an SQLite file into a new PostgreSQL database
 * — in one pass and one transaction on the target, checks that every table holds as many rows as
 * the source's, and refuses a target that holds anything already. Run it with the mint stopped.
 */
public final class LedgerMigration {
    /** Rows per JDBC batch while copying. */
    private static final int BATCH = 1000;

    /** A column and how its value crosses between the databases (SQLite's types are loose, PostgreSQL's are not). */
    private record Column(String name, char type) {}

    /** A table of the ledger and its columns, in the order of {@link LedgerSchema}. */
    private record Table(String name, List<Column> columns) {}

    private static final List<Table> TABLES = List.of(
        new Table("keysets", cols("id:s", "unit:s", "active:z", "input_fee_ppk:i", "derivation_index:i", "id_version:i", "created_at:l", "final_expiry:l")),
        new Table("quotes", cols("id:b", "share_hash:b", "amount:l", "unit:s", "pubkey:b", "state:s", "keyset_id:b", "created_at:l", "issued_at:l")),
        new Table("signatures", cols("b_:s", "amount:l", "keyset_id:s", "c_:s", "origin:s", "created_at:l")),
        new Table("spent_proofs", cols("y:s", "amount:l", "keyset_id:s", "spent_at:l")));

    private LedgerMigration() {}

    private static List<Column> cols(String... specs) {
        return java.util.Arrays.stream(specs).map(s -> new Column(s.substring(0, s.indexOf(':')), s.charAt(s.length() - 1))).toList();
    }

    /**
     * Copies the ledger at {@code fromUrl} into the empty one at {@code toUrl} (created and brought
     * to the current schema when new). The source is brought to the current schema first, as a
     * mint starting on it would.
     *
     * @return rows copied per table, in the order keysets, quotes, signatures, spent_proofs
     * @throws ConfigException when either database cannot be opened (naming --from or --to), or the target is not empty
     * @throws SQLException when the copy fails; nothing of it is committed then
     */
    public static Map<String, Long> migrate(String fromUrl, String fromPassword, String toUrl, String toPassword)
            throws ConfigException, SQLException {
        try (Ledger from = LedgerSettings.open("--from", fromUrl, fromPassword);
             Ledger to = LedgerSettings.open("--to", toUrl, toPassword)) {
            Map<String, Long> present = to.connections().read(LedgerMigration::counts);
            if (present.values().stream().anyMatch(n -> n > 0)) {
                throw new ConfigException("--to: " + LedgerSettings.redact(toUrl) + ": not empty (" + describe(present)
                    + "): migrate into a new database");
            }
            Map<String, Long> source = from.connections().read(LedgerMigration::counts);
            long start = System.nanoTime();
            Map<String, Long> copied = to.connections().writeSql(target -> from.connections().read(src -> {
                Map<String, Long> out = new LinkedHashMap<>();
                for (Table t : TABLES) out.put(t.name(), copy(t, src.connection(), target.connection()));
                Map<String, Long> after = counts(target);
                if (!after.equals(source) || !out.equals(source)) {
                    throw new SQLException("counts differ after the copy (source " + describe(source) + ", copied " + describe(out)
                        + ", target " + describe(after) + "); rolled back");
                }
                return out;
            }));
            Logger.info("ledger migrated from {} to {} in {} ms: {}", LedgerSettings.redact(fromUrl), LedgerSettings.redact(toUrl),
                (System.nanoTime() - start) / 1_000_000, describe(copied));
            return copied;
        }
    }

    /** "N keysets, N quotes, N signatures, N spent_proofs". */
    public static String describe(Map<String, Long> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((t, n) -> b.append(b.isEmpty() ? "" : ", ").append(String.format("%,d %s", n, t)));
        return b.toString();
    }

    private static Map<String, Long> counts(LedgerConnections.Tx tx) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Table t : TABLES) {
            try (Statement s = tx.connection().createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + t.name())) {
                r.next();
                out.put(t.name(), r.getLong(1));
            }
        }
        return out;
    }

    private static long copy(Table t, Connection from, Connection to) throws SQLException {
        String names = String.join(", ", t.columns().stream().map(Column::name).toList());
        String marks = String.join(", ", t.columns().stream().map(c -> "?").toList());
        long n = 0;
        try (Statement s = from.createStatement()) {
            s.setFetchSize(BATCH);
            try (ResultSet r = s.executeQuery("SELECT " + names + " FROM " + t.name());
                 PreparedStatement p = to.prepareStatement("INSERT INTO " + t.name() + " (" + names + ") VALUES (" + marks + ")")) {
                while (r.next()) {
                    for (int i = 0; i < t.columns().size(); i++) bind(t.columns().get(i).type(), r, p, i + 1);
                    p.addBatch();
                    if (++n % BATCH == 0) p.executeBatch();
                }
                p.executeBatch();
            }
        }
        return n;
    }

    private static void bind(char type, ResultSet r, PreparedStatement p, int i) throws SQLException {
        switch (type) {
            case 's' -> {
                String v = r.getString(i);
                if (v == null) p.setNull(i, Types.VARCHAR);
                else p.setString(i, v);
            }
            case 'b' -> {
                byte[] v = r.getBytes(i);
                if (v == null) p.setNull(i, Types.BINARY);
                else p.setBytes(i, v);
            }
            case 'l' -> {
                long v = r.getLong(i);
                if (r.wasNull()) p.setNull(i, Types.BIGINT);
                else p.setLong(i, v);
            }
            case 'i' -> p.setInt(i, r.getInt(i));
            case 'z' -> p.setBoolean(i, r.getBoolean(i));
            default -> throw new IllegalStateException("column type " + type);
        }
    }
}
