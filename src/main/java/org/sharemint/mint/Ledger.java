package org.sharemint.mint;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sharemint.mint.LedgerRecords.KeysetRow;
import org.sharemint.mint.LedgerRecords.NewQuote;
import org.sharemint.mint.LedgerRecords.QuoteRow;
import org.sharemint.mint.LedgerRecords.SignatureRow;
import org.sharemint.mint.LedgerRecords.SpentRow;

/**
 * The mint's durable state through JDBC, one class per table: keysets ({@link KeysetTable}),
 * quotes ({@link QuoteTable}), issued signatures ({@link SignatureTable}) and spent proofs
 * ({@link SpentProofTable}), over the connections of {@link LedgerConnections}. Here: the two
 * transactions that span tables (mint and swap). A write either commits everything it was asked
 * to do or rolls all of it back; a write the stored rows refuse throws {@link LedgerConflict},
 * which the mint turns into a Cashu error.
 */
final class Ledger implements AutoCloseable {
    private final LedgerConnections db;
    private final KeysetTable keysets;
    private final QuoteTable quotes;
    private final SignatureTable signatures;
    private final SpentProofTable spent;
    private final QuoteKeys quoteKeys;

    private Ledger(LedgerConnections db, QuoteKeys quoteKeys) {
        this.db = db;
        this.quoteKeys = quoteKeys;
        keysets = new KeysetTable(db);
        quotes = new QuoteTable(db, quoteKeys);
        signatures = new SignatureTable(db);
        spent = new SpentProofTable(db);
    }

    /** Opens (creating when missing) the database at a JDBC URL and migrates its schema. */
    static Ledger open(String url) throws SQLException {
        return open(url, null);
    }

    /** As {@link #open(String)}, with the password of a database server (null: none, or the one in the URL). */
    static Ledger open(String url, String password) throws SQLException {
        LedgerConnections db = LedgerConnections.open(url, password);
        try {
            return new Ledger(db, QuoteKeys.open(db, url));
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    LedgerConnections connections() {
        return db;
    }

    // ---- each runs on a platform thread when called from a virtual one (see Carriers) ----

    List<KeysetRow> keysets() throws SQLException {
        return keysets.all();
    }

    void insertKeyset(KeysetRow k) throws SQLException {
        keysets.insert(null, k);
    }

    /** Keyset rotation: {@code retiredId} becomes inactive and {@code next} is added, in one transaction. */
    void rotateKeyset(String retiredId, KeysetRow next) throws SQLException {
        keysets.insert(retiredId, next);
    }

    /** Inserts quotes in one transaction (one commit, one sync for the whole batch). */
    void insertQuotes(List<NewQuote> rows) throws SQLException {
        insertQuotes(rows, () -> true);
    }

    /**
     * As {@link #insertQuotes(List)}, asking {@code inTime} just before the commit: false rolls
     * the whole transaction back and throws {@link LateCommit} (a request's deadline passed while
     * the rows went in).
     */
    void insertQuotes(List<NewQuote> rows, java.util.function.BooleanSupplier inTime) throws SQLException {
        quotes.insert(rows, inTime);
    }

    /** The commit would have come after a deadline: nothing was written. */
    static final class LateCommit extends SQLException {
        LateCommit() {
            super("a deadline passed before the commit; rolled back");
        }
    }

    Optional<QuoteRow> quote(String id) throws SQLException {
        return quotes.find(id);
    }

    /** Quotes locked to any of {@code pubkeys} (compressed), after the cursor; see {@link QuoteTable#byPubkeys}. */
    List<QuoteRow> quotesByPubkeys(List<byte[]> pubkeys, byte[] afterId, int limit) throws SQLException {
        return quotes.byPubkeys(pubkeys, afterId, limit);
    }

    /** The quotes among {@code ids} that exist, by id. */
    Map<String, QuoteRow> quotes(Collection<String> ids) throws SQLException {
        return quotes.find(ids);
    }

    /** The Ys among {@code ys} already spent (read side; the write re-checks under the unique key). */
    Set<String> spentAmong(Collection<String> ys) throws SQLException {
        return spent.spentAmong(ys);
    }

    /** The B_s among {@code blinded} that already have a signature. */
    Set<String> signedAmong(Collection<String> blinded) throws SQLException {
        return signatures.signedAmong(blinded);
    }

    /** The stored signatures of the B_s among {@code blinded} that have one, by B_ (NUT-09 restore). */
    Map<String, SignatureRow> signaturesOf(Collection<String> blinded) throws SQLException {
        return signatures.of(blinded);
    }

    /**
     * Mints quotes: each goes PAID -> ISSUED and the signatures are stored, all in one transaction.
     *
     * @throws LedgerConflict when a quote is not PAID or a B_ was signed before; nothing is written then
     */
    void issue(List<String> quoteIds, List<SignatureRow> rows, long nowMs) throws SQLException, LedgerConflict {
        db.write(tx -> {
            quotes.markIssued(tx, quoteIds, nowMs);
            signatures.insertNew(tx, rows, nowMs);
            return null;
        });
    }

    /**
     * Swaps: every input's Y is marked spent and the new signatures are stored, in one transaction.
     *
     * @throws LedgerConflict when an input was spent before or a B_ was signed before; nothing is written then
     */
    void swap(List<SpentRow> inputs, List<SignatureRow> rows, long nowMs) throws SQLException, LedgerConflict {
        db.write(tx -> {
            spent.insertNew(tx, inputs, nowMs);
            signatures.insertNew(tx, rows, nowMs);
            return null;
        });
    }

    /** How many quotes the ledger holds. */
    long quoteCount() throws SQLException {
        return quotes.count();
    }

    /** Where the time of each commit goes from now on (the mint's latency histogram). */
    void timeCommits(java.util.function.LongConsumer nanos) {
        db.timeCommits(nanos);
    }

    /** Closes both connections; waits for a write under way to finish first. */
    @Override
    public void close() throws SQLException {
        quoteKeys.close();
        db.close();
    }
}
