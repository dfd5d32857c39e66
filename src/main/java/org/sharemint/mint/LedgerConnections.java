package org.sharemint.mint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.tinylog.Logger;

/**
 * The ledger's two JDBC connections and the one way each is used: {@link #write} runs a write
 * transaction, {@link #read} a read.
 *
 * <p>Threads: one connection writes and one reads. The write lock guards the writer and its
 * prepared statements, so every write transaction runs alone, from whichever thread holds the
 * lock; the read lock guards the reader. Calls from virtual threads run on a platform thread
 * ({@link Carriers}), so SQLite's native code never pins a virtual thread's carrier. With SQLite
 * in WAL mode the reader sees the last committed state while a write is under way.
 *
 * <p>SQLite settings: {@code journal_mode=WAL} (readers do not block the writer) and
 * {@code synchronous=FULL}: in WAL mode FULL syncs the WAL at every commit, so a commit that
 * returned survives a power cut; NORMAL would only sync at checkpoints and could lose the last
 * commits — quotes a miner was already told about. Checkpoints run on their own thread
 * ({@link WalCheckpointer}), never inside a commit.
 */
final class LedgerConnections implements AutoCloseable {
    private static final String SQLITE = "jdbc:sqlite:";
    /** SQLite page size of a new ledger file. */
    static final int PAGE_SIZE = 16384;

    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock;
    private final ReentrantLock readLock = new ReentrantLock();
    private final Carriers carriers = new Carriers();
    /** Told the nanoseconds of every commit (the mint's latency histogram); set once at start-up. */
    private volatile LongConsumer commitNanos = ns -> { };
    /** Null unless the ledger is an SQLite file. */
    private final WalCheckpointer checkpointer;

    private LedgerConnections(Connection writer, Connection reader, ReentrantLock writeLock, WalCheckpointer checkpointer) {
        this.writer = writer;
        this.reader = reader;
        this.writeLock = writeLock;
        this.checkpointer = checkpointer;
    }

    /** Opens (creating when missing) the database at a JDBC URL and migrates its schema. */
    static LedgerConnections open(String url) throws SQLException {
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
            return new LedgerConnections(w, r, writeLock, checkpointer);
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
        if (url.startsWith(SQLITE)) {
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
        }
        return c;
    }

    /** The database file of a plain {@code jdbc:sqlite:PATH} URL; null for other databases, memory and URI forms. */
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

    /** A statement of the writer, reused by every transaction (use it only inside {@link #write}). */
    PreparedStatement prepareWrite(String sql) throws SQLException {
        return writer.prepareStatement(sql);
    }

    /** A statement of the reader (use it only inside {@link #read}). */
    PreparedStatement prepareRead(String sql) throws SQLException {
        return reader.prepareStatement(sql);
    }

    /** Where the time of each commit goes from now on. */
    void timeCommits(LongConsumer nanos) {
        commitNanos = nanos;
    }

    Connection writer() {
        return writer;
    }

    /**
     * Runs {@code work} as one write transaction: commits everything it did, or rolls all of it
     * back when it throws (a {@link LedgerConflict} included). The batches of {@code batched}
     * are cleared afterwards either way, so a failed transaction leaves none of its rows queued.
     */
    <T> T write(Carriers.Work<T> work, PreparedStatement... batched) throws SQLException, LedgerConflict {
        return carriers.call(() -> {
            writeLock.lock();
            try {
                T result = work.run();
                long start = System.nanoTime();
                writer.commit();
                commitNanos.accept(System.nanoTime() - start);
                return result;
            } catch (SQLException | LedgerConflict | RuntimeException e) {
                rollback(e);
                throw e;
            } finally {
                for (PreparedStatement p : batched) clearBatch(p);
                writeLock.unlock();
            }
        });
    }

    /** {@link #write} for work that the ledger's rows cannot refuse. */
    <T> T writeSql(Carriers.Work<T> work, PreparedStatement... batched) throws SQLException {
        try {
            return write(work, batched);
        } catch (LedgerConflict e) {
            throw new IllegalStateException("unexpected refusal from ledger work", e);
        }
    }

    /** Runs {@code work} with the reader (its statements are guarded by the read lock). */
    <T> T read(Carriers.Work<T> work) throws SQLException {
        return carriers.sql(() -> {
            readLock.lock();
            try {
                return work.run();
            } finally {
                readLock.unlock();
            }
        });
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
     * a row the unique key skipped (count 0) was there before, and the transaction is refused
     * with {@code kind}. The caller passes {@code insert} to {@link #write} to have its batch cleared.
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

    private void rollback(Exception cause) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void clearBatch(PreparedStatement p) {
        try {
            p.clearBatch();
        } catch (SQLException e) {
            Logger.warn("ledger: clearBatch failed: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
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
            for (Connection c : new Connection[] {reader, writer}) {
                try {
                    c.close();
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
