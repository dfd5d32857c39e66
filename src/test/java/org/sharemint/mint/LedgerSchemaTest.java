package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new ledger is made at the current schema directly, and that schema is the one the migrations reach. */
class LedgerSchemaTest {
    @TempDir
    Path dir;

    @Test
    void aNewLedgerHasTheTablesTheMigrationsLeave() throws Exception {
        Path created = dir.resolve("new.db");
        try (Ledger l = Ledger.open("jdbc:sqlite:" + created)) {
            assertEquals(0, l.keysets().size());
        }
        Path migrated = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + migrated); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            for (LedgerSchema.Step step : LedgerSchema.MIGRATIONS.get(0)) step.apply(c);
            s.execute("INSERT INTO schema_version (version) VALUES (1)");
        }
        try (Ledger l = Ledger.open("jdbc:sqlite:" + migrated)) {
            assertEquals(0, l.keysets().size()); // migrated 1 -> current
        }
        assertEquals(schema(migrated), schema(created));
        assertEquals(java.util.stream.IntStream.rangeClosed(1, LedgerSchema.MIGRATIONS.size()).mapToObj(Integer::toString).toList(), versions(created));
    }

    /** Every table's columns (name, type, not null, default, primary key) and indexes, in order. */
    private static List<String> schema(Path db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (r.next()) tables.add(r.getString(1));
            }
            for (String t : tables) {
                try (ResultSet r = s.executeQuery("PRAGMA table_info(" + t + ")")) {
                    while (r.next()) out.add(t + "." + r.getString("name") + " " + r.getString("type") + " notnull=" + r.getInt("notnull")
                            + " default=" + r.getString("dflt_value") + " pk=" + r.getInt("pk"));
                }
                try (ResultSet r = s.executeQuery("PRAGMA index_list(" + t + ")")) {
                    while (r.next()) out.add(t + " index unique=" + r.getInt("unique") + " origin=" + r.getString("origin"));
                }
            }
        }
        return out;
    }

    private static List<String> versions(Path db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }
}
