package org.sharemint.mint;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import org.tinylog.Logger;

/**
 * Moves SQLite's WAL checkpoints off the commit path. Left to itself SQLite checkpoints inside
 * the commit that takes the WAL past 1,000 pages: that commit copies 4 MB into the database file
 * and syncs it, and every share waiting on it waits too. The ledger's writer therefore has
 * {@code wal_autocheckpoint=0}, and this thread, on its own connection, checkpoints every
 * {@link #PERIOD_MS}.
 *
 * <p>A PASSIVE checkpoint never blocks the writer, but under steady writes it never catches up
 * either: SQLite rewinds the WAL only when a write transaction starts on a fully copied WAL, so
 * the file would grow without end. Once the WAL holds {@link #REWIND_BYTES}, a second PASSIVE
 * checkpoint therefore runs under the ledger's write lock: it copies only what was committed
 * since the first one, no commit can slip in meanwhile, and the next write rewinds the WAL.
 * The writer waits for that short tail (about one sync), never for the bulk copy.
 */
final class WalCheckpointer implements AutoCloseable {
    static final long PERIOD_MS = 100;
    /** WAL size past which the writer waits for the tail of a checkpoint so the WAL can rewind. */
    static final long REWIND_BYTES = 16L << 20;

    private final Connection connection;
    private final Lock writeLock;
    private final Thread thread;
    /** {@link #REWIND_BYTES} in this database's pages (a WAL frame is one page). */
    private final int rewindFrames;
    private volatile boolean running = true;

    private WalCheckpointer(Connection connection, Lock writeLock, int pageSize) {
        this.connection = connection;
        this.writeLock = writeLock;
        this.rewindFrames = (int) (REWIND_BYTES / pageSize);
        this.thread = Thread.ofPlatform().name("ledger-checkpoint").daemon(true).unstarted(this::run);
    }

    /** Starts checkpointing the SQLite database at {@code url}; {@code writeLock} is held around every write transaction. */
    static WalCheckpointer start(String url, Lock writeLock) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        int pageSize;
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            try (ResultSet r = s.executeQuery("PRAGMA page_size")) {
                pageSize = r.next() ? r.getInt(1) : 4096;
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        WalCheckpointer w = new WalCheckpointer(c, writeLock, pageSize);
        w.thread.start();
        return w;
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
            if (!running) break;
            try {
                if (checkpoint() >= rewindFrames) {
                    writeLock.lock();
                    try {
                        checkpoint();
                    } finally {
                        writeLock.unlock();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                Logger.warn("ledger: WAL checkpoint failed (the next one retries): {}", e.toString());
            }
        }
    }

    /** One PASSIVE checkpoint; returns the frames in the WAL (SQLite's second column). */
    int checkpoint() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            return r.next() ? r.getInt(2) : 0;
        }
    }

    @Override
    public void close() throws SQLException {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.close();
    }
}
