package org.sharemint.mint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.tinylog.Logger;

/**
 * The ledger's schema and its migrations, run by the program at start. Version N of the schema
 * is {@code MIGRATIONS[0..N)} applied in order, each in its own transaction together with its
 * row in {@code schema_version}. Plain SQL types that SQLite and PostgreSQL both accept; keys and
 * points are lowercase hex text, except in {@code quotes} (version 3). Add a migration at the end;
 * never edit one that has shipped.
 *
 * <p>Version 2 drops the unique key on {@code quotes.share_hash}. A share hash is random, so each
 * insert into that index dirtied a random page, and with thousands of quotes per commit every page
 * of the index was rewritten to the WAL: 10,000 quotes/s at a million rows, against 170,000/s
 * without it. The pool, which can check a share (the mint only sees its hash), keeps one share
 * from earning two quotes: an exact per-block duplicate set per channel, and extranonce prefixes
 * that differ per pool process so no share found before a restart is valid after it.
 *
 * <p>Version 3 stores the quotes' ids, share hashes, locking keys and keyset ids as bytes
 * ({@code BYTEA}: PostgreSQL's type; in SQLite a column of that name keeps blobs as blobs) instead
 * of hex text: a quote row shrinks from about 270 to 150 bytes, and every quote is written three
 * times (the WAL, the checkpoint, the id index), on the share's path. The ids, keys and hashes
 * the mint shows stay lowercase hex; {@link Ledger} converts at its edge.
 */
final class LedgerSchema {
    /** One step of a migration: a statement, or Java where SQL cannot say it portably. */
    @FunctionalInterface
    interface Step {
        void apply(Connection c) throws SQLException;
    }

    private static final String KEYSETS = """
        CREATE TABLE keysets (
          id VARCHAR(66) PRIMARY KEY,
          unit VARCHAR(32) NOT NULL,
          active BOOLEAN NOT NULL,
          input_fee_ppk INTEGER NOT NULL,
          derivation_index INTEGER NOT NULL UNIQUE,
          id_version INTEGER NOT NULL,
          created_at BIGINT NOT NULL)""";
    private static final String SIGNATURES = """
        CREATE TABLE signatures (
          b_ CHAR(66) PRIMARY KEY,
          amount BIGINT NOT NULL,
          keyset_id VARCHAR(66) NOT NULL,
          c_ CHAR(66) NOT NULL,
          origin VARCHAR(80) NOT NULL,
          created_at BIGINT NOT NULL)""";
    private static final String SPENT_PROOFS = """
        CREATE TABLE spent_proofs (
          y CHAR(66) PRIMARY KEY,
          amount BIGINT NOT NULL,
          keyset_id VARCHAR(66) NOT NULL,
          spent_at BIGINT NOT NULL)""";

    private static String quotesV3(String table) {
        return """
            CREATE TABLE %s (
              id BYTEA PRIMARY KEY,
              share_hash BYTEA NOT NULL,
              amount BIGINT NOT NULL,
              unit VARCHAR(32) NOT NULL,
              pubkey BYTEA,
              state VARCHAR(8) NOT NULL,
              keyset_id BYTEA NOT NULL,
              created_at BIGINT NOT NULL,
              issued_at BIGINT)""".formatted(table);
    }

    /**
     * Version 4: quotes by locking key (the lookup of POST /v1/mint/quote/ehash/pubkey) without a
     * table scan. Keyed (pubkey, created_at), so a miner's new quotes append at the end of its
     * key's range instead of landing on random pages as a key on the random id would.
     */
    private static final String QUOTES_BY_PUBKEY = "CREATE INDEX quotes_by_pubkey ON quotes (pubkey, created_at)";

    /**
     * Version 6: the index of version 4 cost SQLite a dirtied page per quote (with many keys in a
     * batch, every quote lands on another key's page, and a commit rewrites each page it touched):
     * the share rate halved. SQLite now keeps quotes by key in a file filled after the commits
     * ({@link QuoteKeyFile}); PostgreSQL, whose log records rows rather than pages, keeps an
     * index, on (pubkey, id) since an id begins with its creation time.
     */
    private static void keyIndexV6(Connection c) throws SQLException {
        if (!postgres(c)) return;
        sql("CREATE INDEX quotes_by_key ON quotes (pubkey, id)").apply(c);
    }

    private static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    private static final String KEYSETS_FINAL_EXPIRY = "ALTER TABLE keysets ADD COLUMN final_expiry BIGINT";

    static final List<List<Step>> MIGRATIONS = List.of(
        List.of(
            sql(KEYSETS),
            sql("""
            CREATE TABLE quotes (
              id VARCHAR(64) PRIMARY KEY,
              share_hash CHAR(64) NOT NULL UNIQUE,
              amount BIGINT NOT NULL,
              unit VARCHAR(32) NOT NULL,
              pubkey CHAR(66),
              state VARCHAR(8) NOT NULL,
              keyset_id VARCHAR(66) NOT NULL,
              created_at BIGINT NOT NULL,
              issued_at BIGINT)"""),
            sql(SIGNATURES),
            sql(SPENT_PROOFS)),
        List.of(
            sql("""
            CREATE TABLE quotes_v2 (
              id VARCHAR(64) PRIMARY KEY,
              share_hash CHAR(64) NOT NULL,
              amount BIGINT NOT NULL,
              unit VARCHAR(32) NOT NULL,
              pubkey CHAR(66),
              state VARCHAR(8) NOT NULL,
              keyset_id VARCHAR(66) NOT NULL,
              created_at BIGINT NOT NULL,
              issued_at BIGINT)"""),
            sql("""
            INSERT INTO quotes_v2 (id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at)
            SELECT id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at FROM quotes"""),
            sql("DROP TABLE quotes"),
            sql("ALTER TABLE quotes_v2 RENAME TO quotes")),
        List.of(
            sql(quotesV3("quotes_v3")),
            LedgerSchema::copyQuotesToBytes,
            sql("DROP TABLE quotes"),
            sql("ALTER TABLE quotes_v3 RENAME TO quotes")),
        List.of(sql(QUOTES_BY_PUBKEY)),
        // version 5: NUT-02 final_expiry (unix seconds); existing keysets have none
        List.of(sql(KEYSETS_FINAL_EXPIRY)),
        List.of(sql("DROP INDEX quotes_by_pubkey"), LedgerSchema::keyIndexV6));

    /**
     * The newest schema in one step, for a new ledger: the tables {@link #MIGRATIONS} leave, made
     * directly (a new ledger has no quotes to carry through the migrations).
     */
    static final List<Step> CURRENT = List.of(sql(KEYSETS), sql(quotesV3("quotes")), sql(SIGNATURES), sql(SPENT_PROOFS),
        sql(KEYSETS_FINAL_EXPIRY), LedgerSchema::keyIndexV6);

    private LedgerSchema() {}

    private static Step sql(String statement) {
        return c -> {
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            }
        };
    }

    /** Brings the database at {@code c} (auto-commit off) to the newest schema version. */
    static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        }
        c.commit();
        int current = version(c);
        if (current > MIGRATIONS.size()) {
            throw new SQLException("ledger schema version " + current + " is newer than this program knows ("
                + MIGRATIONS.size() + "); run a newer sharemint");
        }
        if (current == 0) {
            create(c);
            return;
        }
        for (int v = current; v < MIGRATIONS.size(); v++) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                for (Step step : MIGRATIONS.get(v)) step.apply(c);
                p.setInt(1, v + 1);
                p.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback(); // DDL is transactional: the half-done step is undone
                throw e;
            }
            Logger.info("ledger schema migrated to version {}", v + 1);
        }
    }

    /** Makes a new ledger at the newest version, in one transaction. */
    private static void create(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
            for (Step step : CURRENT) step.apply(c);
            for (int v = 1; v <= MIGRATIONS.size(); v++) {
                p.setInt(1, v);
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
        Logger.info("ledger created at schema version {}", MIGRATIONS.size());
    }

    /**
     * Copies every quote of the version-2 table into {@code quotes_v3}, hex text to bytes, in
     * Java rather than SQL so that it runs on SQLite and PostgreSQL alike. A value that is not
     * lowercase hex fails the migration, which then rolls back whole.
     */
    static void copyQuotesToBytes(Connection c) throws SQLException {
        String select = "SELECT id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at FROM quotes";
        String insert = "INSERT INTO quotes_v3 (id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        long copied = 0;
        long start = System.nanoTime();
        Logger.info("ledger: copying the quotes to the binary quotes table in one transaction (a million take about 6 s)");
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select); PreparedStatement p = c.prepareStatement(insert)) {
            while (r.next()) {
                String id = r.getString(1);
                p.setBytes(1, hex(id, "id", id));
                p.setBytes(2, hex(r.getString(2), "share_hash", id));
                p.setLong(3, r.getLong(3));
                p.setString(4, r.getString(4));
                String pubkey = r.getString(5);
                if (pubkey == null) {
                    p.setNull(5, Types.BINARY);
                } else {
                    p.setBytes(5, hex(pubkey, "pubkey", id));
                }
                p.setString(6, r.getString(6));
                p.setBytes(7, hex(r.getString(7), "keyset_id", id));
                p.setLong(8, r.getLong(8));
                long issued = r.getLong(9);
                if (r.wasNull()) {
                    p.setNull(9, Types.BIGINT);
                } else {
                    p.setLong(9, issued);
                }
                p.addBatch();
                if (++copied % 10_000 == 0) p.executeBatch();
            }
            p.executeBatch();
        }
        Logger.info("ledger: {} quotes copied in {} ms", copied, (System.nanoTime() - start) / 1_000_000);
    }

    private static byte[] hex(String value, String column, String quoteId) throws SQLException {
        byte[] b = QuoteIds.parse(value);
        if (b == null) throw new SQLException("quote " + quoteId + ": " + column + " is not lowercase hex: " + value);
        return b;
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            int v = r.next() ? r.getInt(1) : 0;
            c.commit();
            return v;
        }
    }
}
