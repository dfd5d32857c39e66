package org.sharemint.mint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.tinylog.Logger;

/**
 * The ledger's schema and its migrations, run by the program at start. Version N of the schema
 * is {@code MIGRATIONS[0..N)} applied in order, each in its own transaction together with its
 * row in {@code schema_version}. Plain SQL types that SQLite and PostgreSQL both accept; keys and
 * points are lowercase hex text. Add a migration at the end; never edit one that has shipped.
 *
 * <p>Version 2 drops the unique key on {@code quotes.share_hash}. A share hash is random, so each
 * insert into that index dirtied a random page, and with thousands of quotes per commit every page
 * of the index was rewritten to the WAL: 10,000 quotes/s at a million rows, against 170,000/s
 * without it. The pool, which can check a share (the mint only sees its hash), keeps one share
 * from earning two quotes: an exact per-block duplicate set per channel, and extranonce prefixes
 * that differ per pool process so no share found before a restart is valid after it.
 */
final class LedgerSchema {
    static final List<List<String>> MIGRATIONS = List.of(
        List.of(
            """
            CREATE TABLE keysets (
              id VARCHAR(66) PRIMARY KEY,
              unit VARCHAR(32) NOT NULL,
              active BOOLEAN NOT NULL,
              input_fee_ppk INTEGER NOT NULL,
              derivation_index INTEGER NOT NULL UNIQUE,
              id_version INTEGER NOT NULL,
              created_at BIGINT NOT NULL)""",
            """
            CREATE TABLE quotes (
              id VARCHAR(64) PRIMARY KEY,
              share_hash CHAR(64) NOT NULL UNIQUE,
              amount BIGINT NOT NULL,
              unit VARCHAR(32) NOT NULL,
              pubkey CHAR(66),
              state VARCHAR(8) NOT NULL,
              keyset_id VARCHAR(66) NOT NULL,
              created_at BIGINT NOT NULL,
              issued_at BIGINT)""",
            """
            CREATE TABLE signatures (
              b_ CHAR(66) PRIMARY KEY,
              amount BIGINT NOT NULL,
              keyset_id VARCHAR(66) NOT NULL,
              c_ CHAR(66) NOT NULL,
              origin VARCHAR(80) NOT NULL,
              created_at BIGINT NOT NULL)""",
            """
            CREATE TABLE spent_proofs (
              y CHAR(66) PRIMARY KEY,
              amount BIGINT NOT NULL,
              keyset_id VARCHAR(66) NOT NULL,
              spent_at BIGINT NOT NULL)"""),
        List.of(
            """
            CREATE TABLE quotes_v2 (
              id VARCHAR(64) PRIMARY KEY,
              share_hash CHAR(64) NOT NULL,
              amount BIGINT NOT NULL,
              unit VARCHAR(32) NOT NULL,
              pubkey CHAR(66),
              state VARCHAR(8) NOT NULL,
              keyset_id VARCHAR(66) NOT NULL,
              created_at BIGINT NOT NULL,
              issued_at BIGINT)""",
            """
            INSERT INTO quotes_v2 (id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at)
            SELECT id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at FROM quotes""",
            "DROP TABLE quotes",
            "ALTER TABLE quotes_v2 RENAME TO quotes"));

    private LedgerSchema() {}

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
        for (int v = current; v < MIGRATIONS.size(); v++) {
            try (Statement s = c.createStatement();
                 PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                for (String sql : MIGRATIONS.get(v)) s.execute(sql);
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

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            int v = r.next() ? r.getInt(1) : 0;
            c.commit();
            return v;
        }
    }
}
