package org.sharemint.mint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.tinylog.Logger;

/**
 * The ledger's connections and the one way each is used: {@link #write} runs a write
 * transaction, {@link #read} a read. Where the connections come from and what SQLite and
 * PostgreSQL do differently is the {@link LedgerDialect}'s business; the transactions, their
 * statements and the commit timing are the same code for both.
 *
 * <p>SQLite ({@link LedgerDialect.Sqlite}): one connection writes and one reads, each behind its
 * lock, on a platform thread ({@link Carriers}); their statements are prepared once and reused.
 * PostgreSQL ({@link LedgerDialect.Postgres}): every transaction borrows a connection from a
 * HikariCP pool on the calling thread, so writes of one process run side by side like those of
 * two; the unique keys of the tables, not a lock here, keep them apart.
 */
final class LedgerConnections implements AutoCloseable {
    /** SQLite page size of a new ledger file. */
    static final int PAGE_SIZE = LedgerDialect.Sqlite.PAGE_SIZE;

    private final LedgerDialect dialect;
    /** Told the nanoseconds of every commit (the mint's latency histogram); set once at start-up. */
    private volatile LongConsumer commitNanos = ns -> { };

    private LedgerConnections(LedgerDialect dialect) {
        this.dialect = dialect;
    }

    /** Opens (creating when missing) the database at a JDBC URL and migrates its schema. */
    static LedgerConnections open(String url) throws SQLException {
        return open(url, null);
    }

    /** As {@link #open(String)} with a password for a database server (null: none, or the URL's). */
    static LedgerConnections open(String url, String password) throws SQLException {
        return new LedgerConnections(LedgerDialect.open(url, password));
    }

    /** The statements of one transaction's (or one read's) connection; use it only inside the work it was given to. */
    static final class Tx {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements;

        Tx(Connection connection, Map<String, PreparedStatement> statements) {
            this.connection = connection;
            this.statements = statements;
        }

        /** The statement for {@code sql} on this connection, prepared at its first use. */
        PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement p = statements.get(sql);
            if (p == null) {
                p = connection.prepareStatement(sql);
                statements.put(sql, p);
            }
            return p;
        }

        Connection connection() {
            return connection;
        }

        /** Drops what a failed transaction left queued in its batches. */
        void clearBatches() {
            for (PreparedStatement p : statements.values()) {
                try {
                    p.clearBatch();
                } catch (SQLException e) {
                    Logger.warn("ledger: clearBatch failed: {}", e.getMessage());
                }
            }
        }

        /** A Tx whose statements live only as long as it does. */
        static Tx fresh(Connection c) {
            return new Tx(c, new HashMap<>());
        }

        void closeStatements() {
            for (PreparedStatement p : statements.values()) {
                try {
                    p.close();
                } catch (SQLException e) {
                    Logger.debug("ledger: closing a statement failed: {}", e.getMessage());
                }
            }
            statements.clear();
        }
    }

    /** Ledger work inside one transaction or read. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException, LedgerConflict;
    }

    LedgerDialect dialect() {
        return dialect;
    }

    /** SQLite's writing connection (tests read its settings); only for an SQLite ledger. */
    Connection writer() {
        if (dialect instanceof LedgerDialect.Sqlite s) return s.writer();
        throw new IllegalStateException("not an SQLite ledger");
    }

    /** The database file of a plain {@code jdbc:sqlite:PATH} URL; null for other databases, memory and URI forms. */
    static java.nio.file.Path sqliteFile(String url) {
        return LedgerDialect.Sqlite.sqliteFile(url);
    }

    /** Where the time of each commit goes from now on. */
    void timeCommits(LongConsumer nanos) {
        commitNanos = nanos;
    }

    /**
     * Runs {@code work} as one write transaction: commits everything it did, or rolls all of it
     * back when it throws (a {@link LedgerConflict} included). The statements' batches are
     * cleared afterwards either way, so a failed transaction leaves none of its rows queued.
     */
    <T> T write(Work<T> work) throws SQLException, LedgerConflict {
        return dialect.inWriter(tx -> {
            try {
                T result = work.run(tx);
                long start = System.nanoTime();
                tx.connection().commit();
                commitNanos.accept(System.nanoTime() - start);
                return result;
            } catch (SQLException | LedgerConflict | RuntimeException e) {
                rollback(tx.connection(), e);
                throw e;
            } finally {
                tx.clearBatches();
            }
        });
    }

    /** {@link #write} for work that the ledger's rows cannot refuse. */
    <T> T writeSql(Work<T> work) throws SQLException {
        try {
            return write(work);
        } catch (LedgerConflict e) {
            throw new IllegalStateException("unexpected refusal from ledger work", e);
        }
    }

    /** Runs {@code work} with a reading connection (auto-commit: each statement sees the last commit). */
    <T> T read(Work<T> work) throws SQLException {
        try {
            return dialect.inReader(work);
        } catch (LedgerConflict e) {
            throw new IllegalStateException("unexpected refusal from ledger read", e);
        }
    }

    /** The keys among {@code keys} that {@code select} (one key parameter) finds; inside {@link #read}. */
    static Set<String> existing(PreparedStatement select, Collection<String> keys) throws SQLException {
        Set<String> out = new HashSet<>();
        for (String k : keys) {
            select.setString(1, k);
            try (ResultSet r = select.executeQuery()) {
                if (r.next()) out.add(k);
            }
        }
        return out;
    }

    /** Binds one row's columns to a statement. */
    @FunctionalInterface
    interface Binder<R> {
        void bind(PreparedStatement p, R row) throws SQLException;
    }

    /**
     * Inserts {@code rows} with an INSERT ... ON CONFLICT DO NOTHING batch inside {@link #write};
     * a row the unique key skipped (count 0) was there before — committed by this process or by
     * another one on the same database — and the transaction is refused with {@code kind}.
     */
    static <R> void insertAllNew(PreparedStatement insert, List<R> rows, Binder<R> binder, LedgerConflict.Kind kind, String detail)
            throws SQLException, LedgerConflict {
        for (R row : rows) {
            binder.bind(insert, row);
            insert.addBatch();
        }
        for (int c : insert.executeBatch()) {
            if (c == 0) throw new LedgerConflict(kind, detail);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Closes the connections; waits for a write under way to finish first. */
    @Override
    public void close() throws SQLException {
        dialect.close();
    }
}
