package org.sharemint.mint;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.mint.LedgerConnections.Tx;
import org.sharemint.mint.LedgerConnections.Work;

/**
 * What differs between the databases the ledger runs on: where a transaction's connection comes
 * from, on which thread it runs, and the settings only one of them has. The SQL, the schema and
 * the transactions are the same for both ({@link LedgerConnections}, {@link LedgerSchema}).
 */
sealed interface LedgerDialect extends AutoCloseable permits LedgerDialect.Sqlite, LedgerDialect.Postgres {
    String SQLITE = "jdbc:sqlite:";
    String POSTGRES = "jdbc:postgresql:";

    /** Runs {@code work} with the connection of one write transaction (auto-commit off); the caller commits. */
    <T> T inWriter(Work<T> work) throws SQLException, LedgerConflict;

    /** Runs {@code work} with a reading connection in auto-commit. */
    <T> T inReader(Work<T> work) throws SQLException, LedgerConflict;

    @Override
    void close() throws SQLException;

    /** Opens the database at {@code url} (SQLite or PostgreSQL) and migrates its schema. */
    static LedgerDialect open(String url, String password) throws SQLException {
        if (url.startsWith(POSTGRES)) return Postgres.open(url, password);
        if (url.startsWith(SQLITE)) return Sqlite.open(url);
        throw new SQLException("not a database the ledger knows (jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB)");
    }

    /**
     * SQLite: two connections, one writes and one reads, each behind its lock, their statements
     * prepared once. Calls from virtual threads run on a platform thread ({@link Carriers}), so
     * SQLite's native code never pins a virtual thread's carrier. In WAL mode the reader sees the
     * last committed state while a write is under way.
     *
     * <p>{@code synchronous=FULL}: in WAL mode FULL syncs the WAL at every commit, so a commit
     * that returned survives a power cut; NORMAL would only sync at checkpoints and could lose the
     * last commits — quotes a miner was already told about. Checkpoints run on their own thread
     * ({@link WalCheckpointer}), never inside a commit.
     */
    final class Sqlite implements LedgerDialect {
        /** SQLite page size of a new ledger file. */
        static final int PAGE_SIZE = 16384;

        private final Tx writer;
        private final Tx reader;
        private final ReentrantLock writeLock;
        private final ReentrantLock readLock = new ReentrantLock();
        private final Carriers carriers = new Carriers();
        /** Null unless the ledger is an SQLite file. */
        private final WalCheckpointer checkpointer;

        private Sqlite(Connection writer, Connection reader, ReentrantLock writeLock, WalCheckpointer checkpointer) {
            this.writer = new Tx(writer, new HashMap<>());
            this.reader = new Tx(reader, new HashMap<>());
            this.writeLock = writeLock;
            this.checkpointer = checkpointer;
        }

        static Sqlite open(String url) throws SQLException {
            Path file = sqliteFile(url);
            createParentDirectory(file);
            Connection w = connect(url);
            Connection r = null;
            WalCheckpointer checkpointer = null;
            ReentrantLock writeLock = new ReentrantLock();
            try {
                w.setAutoCommit(false);
                LedgerSchema.migrate(w);
                r = connect(url);
                r.setAutoCommit(true);
                if (file != null) {
                    try (Statement s = w.createStatement()) {
                        s.execute("PRAGMA wal_autocheckpoint = 0"); // WalCheckpointer's job, off the commit path
                        s.execute("PRAGMA journal_size_limit = 67108864"); // a rewound WAL file is cut back to 64 MiB
                    }
                    checkpointer = WalCheckpointer.start(url, writeLock);
                }
                return new Sqlite(w, r, writeLock, checkpointer);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(w, e);
                if (r != null) closeQuietly(r, e);
                if (checkpointer != null) {
                    try {
                        checkpointer.close();
                    } catch (SQLException c) {
                        e.addSuppressed(c); // the failure to open is the one to report
                    }
                }
                throw e;
            }
        }

        private static Connection connect(String url) throws SQLException {
            Connection c = DriverManager.getConnection(url, new Properties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                // a new database only (the size is fixed once WAL is on): quotes append, and a
                // checkpoint copies four times fewer, larger pages per row than with 4 KiB ones
                s.execute("PRAGMA page_size = " + PAGE_SIZE);
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA cache_size = -16384"); // 16 MiB of pages: the unique indexes stay in memory longer
            } catch (SQLException e) {
                closeQuietly(c, e);
                throw e;
            }
            return c;
        }

        /** The database file of a plain {@code jdbc:sqlite:PATH} URL; null for memory and URI forms. */
        static Path sqliteFile(String url) {
            if (!url.startsWith(SQLITE)) return null;
            String path = url.substring(SQLITE.length());
            if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file:")) return null;
            int q = path.indexOf('?');
            if (q >= 0) path = path.substring(0, q);
            return Path.of(path).toAbsolutePath();
        }

        /** sqlite-jdbc creates the file but not its directory. */
        private static void createParentDirectory(Path file) throws SQLException {
            if (file == null) return;
            Path parent = file.getParent();
            try {
                if (parent != null) Files.createDirectories(parent);
            } catch (IOException e) {
                throw new SQLException("cannot create " + parent + ": " + e.getMessage(), e);
            }
        }

        /** The writing connection (tests read its settings). */
        Connection writer() {
            return writer.connection();
        }

        @Override
        public <T> T inWriter(Work<T> work) throws SQLException, LedgerConflict {
            return carriers.call(() -> {
                writeLock.lock();
                try {
                    return work.run(writer);
                } finally {
                    writeLock.unlock();
                }
            });
        }

        @Override
        public <T> T inReader(Work<T> work) throws SQLException, LedgerConflict {
            return carriers.call(() -> {
                readLock.lock();
                try {
                    return work.run(reader);
                } finally {
                    readLock.unlock();
                }
            });
        }

        /** Closes both connections; waits for a write under way to finish first. */
        @Override
        public void close() throws SQLException {
            try {
                if (checkpointer != null) checkpointer.close();
            } finally {
                try {
                    carriers.sql(this::closeNow);
                } finally {
                    carriers.close();
                }
            }
        }

        private Void closeNow() throws SQLException {
            writeLock.lock();
            readLock.lock();
            try {
                SQLException first = null;
                for (Tx t : new Tx[] {reader, writer}) {
                    try {
                        t.connection().close();
                    } catch (SQLException e) {
                        if (first == null) first = e;
                        else first.addSuppressed(e);
                    }
                }
                if (first != null) throw first;
                return null;
            } finally {
                readLock.unlock();
                writeLock.unlock();
            }
        }
    }

    /**
     * PostgreSQL through a HikariCP pool: every transaction borrows a connection on the calling
     * thread (the driver is plain Java, so a virtual thread waits for the server unmounted) and
     * prepares its statements on it; the driver keeps their parsed form per connection. A
     * connection that broke is dropped by the pool, and the next transaction gets a new one: the
     * mint reconnects by itself. While the server is away a transaction waits at most
     * {@link #CONNECT_TIMEOUT_MS} for a connection and then fails (the quotes' batch is refused
     * {@code mint-unavailable}, an HTTP request gets a 503).
     */
    final class Postgres implements LedgerDialect {
        /** Longest a transaction waits for a connection while the server is unreachable. */
        static final long CONNECT_TIMEOUT_MS = 3000;
        /** Connections kept: the batcher, the HTTP handlers, the pool's reads. */
        static final int POOL_SIZE = 8;
        /** Held while the schema is checked and migrated, so two mints starting at once do not both create it. */
        private static final long SCHEMA_LOCK = 0x73686d6e74L; // "shmnt"

        private final HikariDataSource pool;

        private Postgres(HikariDataSource pool) {
            this.pool = pool;
        }

        static Postgres open(String url, String password) throws SQLException {
            HikariConfig c = new HikariConfig();
            c.setPoolName("ledger");
            c.setJdbcUrl(url);
            if (password != null && !password.isEmpty()) c.setPassword(password);
            c.setAutoCommit(false);
            c.setMaximumPoolSize(POOL_SIZE);
            c.setMinimumIdle(1);
            c.setConnectionTimeout(CONNECT_TIMEOUT_MS);
            c.setValidationTimeout(Math.min(CONNECT_TIMEOUT_MS, 1000));
            c.setInitializationFailTimeout(1); // unreachable at start: fail now, with the driver's reason
            c.addDataSourceProperty("connectTimeout", "5"); // seconds, the driver's own TCP connect limit
            c.addDataSourceProperty("ApplicationName", "sharemint-mint");
            c.addDataSourceProperty("logServerErrorDetail", "false"); // no row values (of a failed batch) in messages and logs
            HikariDataSource ds;
            try {
                ds = new HikariDataSource(c);
            } catch (HikariPool.PoolInitializationException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof SQLException s) throw s;
                throw new SQLException(cause.getMessage(), cause);
            } catch (RuntimeException e) {
                throw new SQLException(e.getMessage(), e);
            }
            try (Connection conn = ds.getConnection()) {
                try (Statement s = conn.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
                }
                conn.commit();
                try {
                    LedgerSchema.migrate(conn);
                } finally {
                    conn.rollback();
                    try (Statement s = conn.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
                    }
                    conn.commit();
                }
            } catch (SQLException | RuntimeException e) {
                ds.close();
                throw e;
            }
            return new Postgres(ds);
        }

        @Override
        public <T> T inWriter(Work<T> work) throws SQLException, LedgerConflict {
            try (Connection c = pool.getConnection()) {
                Tx tx = Tx.fresh(c);
                try {
                    return work.run(tx);
                } finally {
                    tx.closeStatements();
                }
            }
        }

        @Override
        public <T> T inReader(Work<T> work) throws SQLException, LedgerConflict {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(true); // the pool sets it back when the connection returns
                Tx tx = Tx.fresh(c);
                try {
                    return work.run(tx);
                } finally {
                    tx.closeStatements();
                }
            }
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
