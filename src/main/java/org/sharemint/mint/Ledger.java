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
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.mint.LedgerRecords.KeysetRow;
import org.sharemint.mint.LedgerRecords.NewQuote;
import org.sharemint.mint.LedgerRecords.QuoteRow;
import org.sharemint.mint.LedgerRecords.SignatureRow;
import org.sharemint.mint.LedgerRecords.SpentRow;

/**
 * The mint's durable state through JDBC: keysets, quotes, issued signatures, spent proofs.
 *
 * <p>Threads: one connection writes and one reads. {@link #writeLock} guards the writer and its
 * prepared statements, so every write transaction runs alone, from whichever thread holds the
 * lock; {@link #readLock} guards the reader. Calls from virtual threads run on a platform thread
 * ({@link Carriers}), so SQLite's native code never pins a virtual thread's carrier. With SQLite in WAL mode the reader sees the last
 * committed state while a write is under way. A write method either commits everything it was
 * asked to do or rolls all of it back.
 *
 * <p>SQLite settings: {@code journal_mode=WAL} (readers do not block the writer) and
 * {@code synchronous=FULL}: in WAL mode FULL syncs the WAL at every commit, so a commit that
 * returned survives a power cut; NORMAL would only sync at checkpoints and could lose the last
 * commits — quotes a miner was already told about. Checkpoints run on their own thread
 * ({@link WalCheckpointer}), never inside a commit.
 */
final class Ledger implements AutoCloseable {
    private static final String SQLITE = "jdbc:sqlite:";
    /**
     * Quotes per INSERT of a batch: one statement for many rows crosses into SQLite (binds aside)
     * once per 64 quotes, not once per quote (bench/RESULTS.md notes, "One INSERT per quote").
     */
    static final int QUOTES_PER_INSERT = 64;
    private static final int QUOTE_COLUMNS = 8;
    /** SQLite page size of a new ledger file. */
    static final int PAGE_SIZE = 16384;

    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock;
    private final ReentrantLock readLock = new ReentrantLock();
    private final Carriers carriers = new Carriers();
    /** Null unless the ledger is an SQLite file. */
    private final WalCheckpointer checkpointer;
    // writer statements, reused for every transaction (guarded by writeLock)
    private final PreparedStatement insertQuote;
    /** {@link #QUOTES_PER_INSERT} rows in one statement. */
    private final PreparedStatement insertQuotes;
    private final PreparedStatement markIssued;
    private final PreparedStatement quoteStateForUpdate;
    private final PreparedStatement insertSignature;
    private final PreparedStatement insertSpent;
    // reader statements (guarded by readLock)
    private final PreparedStatement selectQuote;
    private final PreparedStatement selectSpent;
    private final PreparedStatement selectSigned;
    private final PreparedStatement selectSignature;

    private Ledger(Connection writer, Connection reader, ReentrantLock writeLock, WalCheckpointer checkpointer) throws SQLException {
        this.writer = writer;
        this.writeLock = writeLock;
        this.reader = reader;
        this.checkpointer = checkpointer;
        insertQuote = writer.prepareStatement(insertQuotesSql(1));
        insertQuotes = writer.prepareStatement(insertQuotesSql(QUOTES_PER_INSERT));
        markIssued = writer.prepareStatement("UPDATE quotes SET state = 'ISSUED', issued_at = ? WHERE id = ? AND state = 'PAID'");
        quoteStateForUpdate = writer.prepareStatement("SELECT state FROM quotes WHERE id = ?");
        insertSignature = writer.prepareStatement(
            "INSERT INTO signatures (b_, amount, keyset_id, c_, origin, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (b_) DO NOTHING");
        insertSpent = writer.prepareStatement(
            "INSERT INTO spent_proofs (y, amount, keyset_id, spent_at) VALUES (?, ?, ?, ?) ON CONFLICT (y) DO NOTHING");
        selectQuote = reader.prepareStatement(
            "SELECT id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at FROM quotes WHERE id = ?");
        selectSpent = reader.prepareStatement("SELECT 1 FROM spent_proofs WHERE y = ?");
        selectSigned = reader.prepareStatement("SELECT 1 FROM signatures WHERE b_ = ?");
        selectSignature = reader.prepareStatement("SELECT amount, keyset_id, c_, origin FROM signatures WHERE b_ = ?");
    }

    /** Opens (creating when missing) the database at a JDBC URL and migrates its schema. */
    static Ledger open(String url) throws SQLException {
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
            return new Ledger(w, r, writeLock, checkpointer);
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

    // ---- the operations; each runs on a platform thread when called from a virtual one (see Carriers) ----

    List<KeysetRow> keysets() throws SQLException {
        return carriers.sql(this::keysetsNow);
    }

    void insertKeyset(KeysetRow k) throws SQLException {
        carriers.sql(() -> insertKeysetNow(k));
    }

    /** Inserts quotes in one transaction (one commit, one sync for the whole batch). */
    void insertQuotes(List<NewQuote> rows) throws SQLException {
        carriers.sql(() -> insertQuotesNow(rows));
    }

    Optional<QuoteRow> quote(String id) throws SQLException {
        return carriers.sql(() -> quoteNow(id));
    }

    /**
     * Mints quotes: each goes PAID -> ISSUED and the signatures are stored, all in one transaction.
     *
     * @throws CashuException 20002 / 20001 when a quote is not PAID, 11003 when a B_ was signed before;
     *     nothing is written then
     */
    void issue(List<String> quoteIds, List<SignatureRow> signatures, long nowMs) throws SQLException, CashuException {
        carriers.call(() -> issueNow(quoteIds, signatures, nowMs));
    }

    /**
     * Swaps: every input's Y is marked spent and the new signatures are stored, in one transaction.
     *
     * @throws CashuException 11001 when an input was spent before, 11003 when a B_ was signed before;
     *     nothing is written then
     */
    void swap(List<SpentRow> spent, List<SignatureRow> signatures, long nowMs) throws SQLException, CashuException {
        carriers.call(() -> swapNow(spent, signatures, nowMs));
    }

    // ---- keysets ----

    private List<KeysetRow> keysetsNow() throws SQLException {
        readLock.lock();
        try (Statement s = reader.createStatement();
             ResultSet r = s.executeQuery(
                 "SELECT id, unit, active, input_fee_ppk, derivation_index, id_version, created_at FROM keysets ORDER BY derivation_index")) {
            List<KeysetRow> out = new ArrayList<>();
            while (r.next()) {
                out.add(new KeysetRow(r.getString(1), r.getString(2), r.getBoolean(3), r.getInt(4), r.getInt(5), r.getInt(6), r.getLong(7)));
            }
            return out;
        } finally {
            readLock.unlock();
        }
    }

    private Void insertKeysetNow(KeysetRow k) throws SQLException {
        writeLock.lock();
        try (PreparedStatement p = writer.prepareStatement(
            "INSERT INTO keysets (id, unit, active, input_fee_ppk, derivation_index, id_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, k.id());
            p.setString(2, k.unit());
            p.setBoolean(3, k.active());
            p.setInt(4, k.inputFeePpk());
            p.setInt(5, k.derivationIndex());
            p.setInt(6, k.idVersion());
            p.setLong(7, k.createdAtMs());
            p.executeUpdate();
            writer.commit();
            return null;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    // ---- quotes ----

    private Void insertQuotesNow(List<NewQuote> rows) throws SQLException {
        if (rows.isEmpty()) return null;
        writeLock.lock();
        try {
            int i = 0;
            for (; i + QUOTES_PER_INSERT <= rows.size(); i += QUOTES_PER_INSERT) {
                for (int j = 0; j < QUOTES_PER_INSERT; j++) bindQuote(insertQuotes, j * QUOTE_COLUMNS, rows.get(i + j));
                insertQuotes.addBatch();
            }
            for (; i < rows.size(); i++) {
                bindQuote(insertQuote, 0, rows.get(i));
                insertQuote.addBatch();
            }
            if (rows.size() >= QUOTES_PER_INSERT) insertQuotes.executeBatch();
            if (rows.size() % QUOTES_PER_INSERT != 0) insertQuote.executeBatch();
            writer.commit();
            return null;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        } finally {
            clearBatch(insertQuotes);
            clearBatch(insertQuote);
            writeLock.unlock();
        }
    }

    private static String insertQuotesSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO quotes (id, share_hash, amount, unit, pubkey, state, keyset_id, created_at) VALUES ");
        for (int i = 0; i < rows; i++) sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
        return sql.toString();
    }

    /** Binds one quote's 8 columns after parameter {@code offset}. */
    private static void bindQuote(PreparedStatement p, int offset, NewQuote q) throws SQLException {
        p.setBytes(offset + 1, q.id());
        p.setBytes(offset + 2, q.shareHash());
        p.setLong(offset + 3, q.amount());
        p.setString(offset + 4, q.unit());
        if (q.pubkey() == null) {
            p.setNull(offset + 5, Types.BLOB);
        } else {
            p.setBytes(offset + 5, q.pubkey());
        }
        p.setString(offset + 6, QuoteState.PAID.name());
        p.setBytes(offset + 7, q.keysetId());
        p.setLong(offset + 8, q.createdAtMs());
    }

    private Optional<QuoteRow> quoteNow(String id) throws SQLException {
        byte[] key = QuoteIds.parse(id);
        if (key == null) return Optional.empty(); // not an id the mint hands out
        readLock.lock();
        try {
            selectQuote.setBytes(1, key);
            try (ResultSet r = selectQuote.executeQuery()) {
                if (!r.next()) return Optional.empty();
                long issued = r.getLong(9);
                Long issuedAt = r.wasNull() ? null : issued;
                return Optional.of(new QuoteRow(QuoteIds.hex(r.getBytes(1)), QuoteIds.hex(r.getBytes(2)), r.getLong(3), r.getString(4),
                    QuoteIds.hex(r.getBytes(5)), QuoteState.valueOf(r.getString(6)), QuoteIds.hex(r.getBytes(7)), r.getLong(8), issuedAt));
            }
        } finally {
            readLock.unlock();
        }
    }

    /** The quotes among {@code ids} that exist, by id. */
    Map<String, QuoteRow> quotes(Collection<String> ids) throws SQLException {
        return carriers.sql(() -> {
            Map<String, QuoteRow> out = new HashMap<>();
            for (String id : ids) quoteNow(id).ifPresent(q -> out.put(id, q));
            return out;
        });
    }

    // ---- proofs and signatures ----

    /** The Ys among {@code ys} already spent (read side; the write re-checks under the unique key). */
    Set<String> spentAmong(Collection<String> ys) throws SQLException {
        return carriers.sql(() -> existing(selectSpent, ys));
    }

    /** The B_s among {@code blinded} that already have a signature. */
    Set<String> signedAmong(Collection<String> blinded) throws SQLException {
        return carriers.sql(() -> existing(selectSigned, blinded));
    }

    /** The stored signatures of the B_s among {@code blinded} that have one, by B_ (NUT-09 restore). */
    Map<String, SignatureRow> signaturesOf(Collection<String> blinded) throws SQLException {
        return carriers.sql(() -> signaturesNow(blinded));
    }

    private Map<String, SignatureRow> signaturesNow(Collection<String> blinded) throws SQLException {
        Map<String, SignatureRow> out = new HashMap<>();
        readLock.lock();
        try {
            for (String b : blinded) {
                selectSignature.setString(1, b);
                try (ResultSet r = selectSignature.executeQuery()) {
                    if (r.next()) out.put(b, new SignatureRow(b, r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return out;
        } finally {
            readLock.unlock();
        }
    }

    private Set<String> existing(PreparedStatement select, Collection<String> keys) throws SQLException {
        Set<String> out = new HashSet<>();
        readLock.lock();
        try {
            for (String k : keys) {
                select.setString(1, k);
                try (ResultSet r = select.executeQuery()) {
                    if (r.next()) out.add(k);
                }
            }
            return out;
        } finally {
            readLock.unlock();
        }
    }

    private Void issueNow(List<String> quoteIds, List<SignatureRow> signatures, long nowMs) throws SQLException, CashuException {
        writeLock.lock();
        try {
            for (String id : quoteIds) {
                markIssued.setLong(1, nowMs);
                markIssued.setBytes(2, QuoteIds.key(id));
                if (markIssued.executeUpdate() != 1) {
                    CashuException refusal = notPaid(id);
                    writer.rollback();
                    throw refusal;
                }
            }
            insertSignatures(signatures, nowMs);
            writer.commit();
            return null;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    private Void swapNow(List<SpentRow> spent, List<SignatureRow> signatures, long nowMs) throws SQLException, CashuException {
        writeLock.lock();
        try {
            for (SpentRow s : spent) {
                insertSpent.setString(1, s.y());
                insertSpent.setLong(2, s.amount());
                insertSpent.setString(3, s.keysetId());
                insertSpent.setLong(4, nowMs);
                insertSpent.addBatch();
            }
            executeAllNew(insertSpent, CashuException.PROOFS_ALREADY_SPENT, "proofs already spent");
            insertSignatures(signatures, nowMs);
            writer.commit();
            return null;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        } finally {
            clearBatch(insertSpent);
            writeLock.unlock();
        }
    }

    /** Within the caller's transaction; rolls back and throws 11003 when a B_ is already signed. */
    private void insertSignatures(List<SignatureRow> signatures, long nowMs) throws SQLException, CashuException {
        try {
            for (SignatureRow s : signatures) {
                insertSignature.setString(1, s.blinded());
                insertSignature.setLong(2, s.amount());
                insertSignature.setString(3, s.keysetId());
                insertSignature.setString(4, s.signature());
                insertSignature.setString(5, s.origin());
                insertSignature.setLong(6, nowMs);
                insertSignature.addBatch();
            }
            executeAllNew(insertSignature, CashuException.OUTPUTS_ALREADY_SIGNED, "outputs already signed");
        } finally {
            clearBatch(insertSignature);
        }
    }

    /**
     * Runs an INSERT ... ON CONFLICT DO NOTHING batch within the caller's transaction; a row the
     * unique key skipped (count 0) means it was there before: roll back and throw {@code code}.
     */
    private void executeAllNew(PreparedStatement batch, int code, String detail) throws SQLException, CashuException {
        for (int c : batch.executeBatch()) {
            if (c == 0) {
                writer.rollback();
                throw new CashuException(code, detail);
            }
        }
    }

    private CashuException notPaid(String id) throws SQLException {
        quoteStateForUpdate.setBytes(1, QuoteIds.key(id));
        try (ResultSet r = quoteStateForUpdate.executeQuery()) {
            if (!r.next()) return new CashuException(CashuException.BAD_REQUEST, "quote not found: " + id);
            return switch (QuoteState.valueOf(r.getString(1))) {
                case ISSUED -> new CashuException(CashuException.QUOTE_ALREADY_ISSUED, "quote already issued");
                case UNPAID -> new CashuException(CashuException.QUOTE_NOT_PAID, "quote not paid");
                case PAID -> new CashuException(CashuException.BAD_REQUEST, "quote changed while minting; try again");
            };
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
            org.tinylog.Logger.warn("ledger: clearBatch failed: {}", e.getMessage());
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
