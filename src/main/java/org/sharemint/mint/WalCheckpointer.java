package org.sharemint.mint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.tinylog.Logger;

/**
 * Moves SQLite's WAL checkpoints off the commit path. Left to itself SQLite checkpoints inside
 * the commit that takes the WAL past 1,000 pages: that commit copies 4 MB into the database file
 * and syncs it, and every share waiting on it waits too (a p99 of tens of ms at 50,000 quotes/s).
 * The ledger's writer therefore has {@code wal_autocheckpoint=0}, and this thread, on its own
 * connection, runs a PASSIVE checkpoint (it never blocks the writer) every {@link #PERIOD_MS}.
 * Under a write load so steady that the WAL never gets fully copied and so never restarts, the
 * WAL grows; past {@link #TRUNCATE_WAL_BYTES} a TRUNCATE checkpoint waits for a gap between
 * commits and empties it, costing the writer one short pause.
 */
final class WalCheckpointer implements AutoCloseable {
    static final long PERIOD_MS = 100;
    static final long TRUNCATE_WAL_BYTES = 64L << 20;

    private final Connection connection;
    private final Path wal;
    private final Thread thread;
    private volatile boolean running = true;

    private WalCheckpointer(Connection connection, Path wal) {
        this.connection = connection;
        this.wal = wal;
        this.thread = Thread.ofPlatform().name("ledger-checkpoint").daemon(true).unstarted(this::run);
    }

    /** Starts checkpointing the SQLite database at {@code file} (its WAL is {@code file-wal}). */
    static WalCheckpointer start(String url, Path file) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        WalCheckpointer w = new WalCheckpointer(c, file.resolveSibling(file.getFileName() + "-wal"));
        w.thread.start();
        return w;
    }

    private void run() {
        while (running) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
            if (!running) break;
            try {
                checkpoint(walBytes() > TRUNCATE_WAL_BYTES ? "TRUNCATE" : "PASSIVE");
            } catch (SQLException | RuntimeException e) {
                Logger.warn("ledger: WAL checkpoint failed (the next one retries): {}", e.toString());
            }
        }
    }

    /** Runs one checkpoint; returns the frames it copied (SQLite's third column), or -1. */
    int checkpoint(String mode) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return r.next() ? r.getInt(3) : -1;
        }
    }

    private long walBytes() {
        try {
            return Files.size(wal);
        } catch (java.io.IOException e) {
            return 0; // no WAL yet
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
