package org.sharemint.mint;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * An SQLite ledger's quotes by locking key, kept in a database file of their own next to the
 * ledger ({@code LEDGER.keys}) and filled from the ledger after the quotes commit, every few
 * seconds: one sorted write touches each key's page once, where an index written with every
 * batch touched one page per quote (the fewer the fills, the more ids share a page write: 5 s
 * instead of 1 s saved about 2 us of pool CPU per share at 70,000 shares/s from 1,000 keys). A lookup first takes in whatever the ledger
 * committed since, so it never misses a quote.
 *
 * <p>One connection of its own reads the ledger and writes the key file (attached to it as
 * {@code keys}), all inside SQLite: a transaction that only reads the ledger never waits for
 * the ledger's writer, nor makes it wait. It runs on one platform thread of its own (SQLite is
 * native code).
 *
 * <p>The file is derived data. It records how far it has read the ledger (the rowid of the last
 * quote it took in, and that quote's id); when that does not match the ledger — another ledger
 * file, a restored backup — it starts again from nothing, and a lost file is simply rebuilt.
 */
final class QuoteKeyFile implements QuoteKeys {
    /** How long a committed quote may wait before it is in the file (a lookup never waits: it takes the rest in first). */
    static final long FLUSH_MS = 5000;
    /** Most quotes taken in per transaction of the file (a rebuild goes in steps of this). */
    private static final int ROWS_PER_WRITE = 1 << 20;

    private static final String MAX_ROWID = "SELECT COALESCE(MAX(rowid), 0) FROM main.quotes";
    private static final String TAKE_IN = "INSERT OR IGNORE INTO keys.quote_keys (pubkey, id) SELECT pubkey, id FROM main.quotes"
        + " WHERE rowid > ? AND rowid <= ? AND pubkey IS NOT NULL ORDER BY pubkey, id";
    /** The id of the ledger's last quote up to a rowid: what tells this ledger from another. */
    private static final String LAST_ID = "SELECT id FROM main.quotes WHERE rowid <= ? ORDER BY rowid DESC LIMIT 1";
    private static final String BY_KEY = "SELECT id FROM keys.quote_keys WHERE pubkey = ? AND id > ? ORDER BY id LIMIT ?";

    private final Connection c;
    private final ScheduledExecutorService thread;
    /** Rowid of the last ledger quote taken in; read and written only on {@link #thread}. */
    private long through;
    private boolean failing;

    private QuoteKeyFile(Connection c, ScheduledExecutorService thread, long through) {
        this.c = c;
        this.thread = thread;
        this.through = through;
    }

    static QuoteKeyFile open(String ledgerUrl) throws SQLException {
        Path file = LedgerConnections.sqliteFile(ledgerUrl);
        Connection c = DriverManager.getConnection(ledgerUrl);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                // a ledger named by URI gets its key index in memory, rebuilt at each start
                s.execute("ATTACH DATABASE '" + (file == null ? ":memory:" : (file + ".keys").replace("'", "''")) + "' AS keys");
                s.execute("PRAGMA keys.page_size = 4096"); // small pages: a key's new ids dirty little
                s.execute("PRAGMA keys.journal_mode = WAL");
                s.execute("PRAGMA keys.synchronous = NORMAL"); // a lost tail is read again from the ledger
                s.execute("CREATE TABLE IF NOT EXISTS keys.quote_keys (pubkey BLOB NOT NULL, id BLOB NOT NULL, PRIMARY KEY (pubkey, id))"
                    + " WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS keys.taken_in (through INTEGER NOT NULL, last_id BLOB)");
            }
            c.setAutoCommit(false);
            long through = resume(c);
            c.commit();
            ScheduledExecutorService thread =
                Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ledger-keys").daemon(true).factory());
            QuoteKeyFile k = new QuoteKeyFile(c, thread, through);
            thread.scheduleWithFixedDelay(k::takeInQuietly, 0, FLUSH_MS, TimeUnit.MILLISECONDS);
            return k;
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException x) {
                e.addSuppressed(x);
            }
            throw e;
        }
    }

    /** Where the file left off, or 0 (emptied) when it does not belong to this ledger. */
    private static long resume(Connection c) throws SQLException {
        long through = 0;
        byte[] lastId = null;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT through, last_id FROM keys.taken_in")) {
            if (r.next()) {
                through = r.getLong(1);
                lastId = r.getBytes(2);
            }
        }
        if (through == 0) return 0;
        try (PreparedStatement p = c.prepareStatement(LAST_ID)) {
            p.setLong(1, through);
            try (ResultSet r = p.executeQuery()) {
                if (r.next() && java.util.Arrays.equals(r.getBytes(1), lastId)) return through;
            }
        }
        Logger.warn("ledger: the quotes-by-key file does not match the ledger (another ledger, or a restored one); rebuilding it");
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM keys.quote_keys");
            s.execute("DELETE FROM keys.taken_in");
        }
        return 0;
    }

    @Override
    public List<byte[]> ids(List<byte[]> pubkeys, byte[] afterId, int limit) throws SQLException {
        Future<List<byte[]>> f;
        try {
            f = thread.submit(() -> {
                takeIn();
                return query(pubkeys, afterId, limit);
            });
        } catch (RejectedExecutionException e) {
            throw new SQLException("the ledger is closed");
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) throw s;
            throw new SQLException("quotes by key: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while looking quotes up by key", e);
        }
    }

    private List<byte[]> query(List<byte[]> pubkeys, byte[] afterId, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(BY_KEY)) {
            return QuoteKeys.query(p, pubkeys, afterId, limit);
        } finally {
            c.commit();
        }
    }

    private void takeInQuietly() {
        try {
            takeIn();
            if (failing) Logger.info("ledger: the quotes-by-key file is being filled again");
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) Logger.warn(e, "ledger: could not fill the quotes-by-key file; lookups by key wait for it");
            failing = true;
        }
    }

    /** Takes in every quote the ledger committed since the last time, one transaction of the file per step. */
    private void takeIn() throws SQLException {
        while (true) {
            try (Statement s = c.createStatement(); PreparedStatement take = c.prepareStatement(TAKE_IN);
                 PreparedStatement mark = c.prepareStatement("INSERT INTO keys.taken_in (through, last_id) SELECT ?, id FROM ("
                     + LAST_ID + ")")) {
                long max;
                try (ResultSet r = s.executeQuery(MAX_ROWID)) {
                    max = r.next() ? r.getLong(1) : 0;
                }
                if (max <= through) {
                    c.commit();
                    return;
                }
                long upTo = Math.min(max, through + ROWS_PER_WRITE);
                take.setLong(1, through);
                take.setLong(2, upTo);
                take.executeUpdate();
                s.execute("DELETE FROM keys.taken_in");
                mark.setLong(1, upTo);
                mark.setLong(2, upTo);
                mark.executeUpdate();
                c.commit();
                through = upTo;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) Logger.warn("ledger: the quotes-by-key file did not stop in 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            c.close();
        } catch (SQLException e) {
            Logger.warn("ledger: closing the quotes-by-key file: {}", e.getMessage());
        }
    }
}
