package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharemint.mint.LedgerRecords.KeysetRow;

/**
 * NUT-02 final_expiry in the ledger (schema version 5) on SQLite and PostgreSQL: a ledger made
 * before it keeps its keysets, without expiry; new keysets keep theirs; migrate-ledger copies it.
 */
@ExtendWith(PostgresExtension.class)
class KeysetExpiryLedgerTest {
    static final String OLD_ID = "01" + "ab".repeat(32);
    static final String NEW_ID = "01" + "cd".repeat(32);

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource(LedgerOnBothTest.DATABASES)
    void aLedgerFromBeforeFinalExpiryKeepsItsKeysetsWithoutOne(String kind) throws Exception {
        String url = PostgresExtension.ledgerUrl(kind, dir, KeysetExpiryLedgerTest.class);
        // the schema as it was before final_expiry (versions 1 to 4), with one keyset in it
        try (Connection c = connect(url);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            for (int v = 0; v < 4; v++) {
                for (LedgerSchema.Step step : LedgerSchema.MIGRATIONS.get(v)) step.apply(c);
                s.execute("INSERT INTO schema_version (version) VALUES (" + (v + 1) + ")");
            }
            s.execute("INSERT INTO keysets (id, unit, active, input_fee_ppk, derivation_index, id_version, created_at) VALUES ('"
                + OLD_ID + "', 'hash', TRUE, 100, 0, 2, 1700000000000)");
        }
        try (Ledger l = LedgerOnBothTest.open(url)) {
            assertEquals(List.of(new KeysetRow(OLD_ID, "hash", true, 100, 0, 2, 1_700_000_000_000L, null)), l.keysets());
            l.rotateKeyset(OLD_ID, new KeysetRow(NEW_ID, "hash", true, 0, 1, 2, 1_800_000_000_000L, 1_900_000_000L));
        }
        try (Ledger l = LedgerOnBothTest.open(url)) {
            List<KeysetRow> rows = l.keysets();
            assertNull(rows.get(0).finalExpiry());
            assertEquals(new KeysetRow(NEW_ID, "hash", true, 0, 1, 2, 1_800_000_000_000L, 1_900_000_000L), rows.get(1));
            assertEquals(false, rows.get(0).active());
        }
    }

    private static Connection connect(String url) throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        if (url.startsWith("jdbc:postgresql:")) p.setProperty("password", TestPostgres.PASSWORD);
        return DriverManager.getConnection(url, p);
    }

    @Test
    void migrateLedgerCopiesTheFinalExpiry() throws Exception {
        String from = "jdbc:sqlite:" + dir.resolve("mint.db");
        String to = PostgresExtension.database(KeysetExpiryLedgerTest.class);
        try (Ledger l = Ledger.open(from)) {
            l.insertKeyset(new KeysetRow(OLD_ID, "hash", true, 0, 0, 2, 5));
            l.rotateKeyset(OLD_ID, new KeysetRow(NEW_ID, "hash", true, 0, 1, 2, 6, 2_059_210_353L));
        }
        LedgerMigration.migrate(from, null, to, TestPostgres.PASSWORD);
        try (Ledger src = Ledger.open(from); Ledger dst = LedgerOnBothTest.open(to)) {
            assertEquals(src.keysets(), dst.keysets());
            assertEquals(2_059_210_353L, dst.keysets().get(1).finalExpiry());
            assertNull(dst.keysets().get(0).finalExpiry());
        }
    }
}
