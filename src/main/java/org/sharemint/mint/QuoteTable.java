package org.sharemint.mint;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sharemint.mint.LedgerRecords.NewQuote;
import org.sharemint.mint.LedgerRecords.QuoteRow;

/** The ledger's {@code quotes} table: one mint quote per accepted share, PAID until minted (ISSUED). */
final class QuoteTable {
    /**
     * Quotes per INSERT of a batch: one statement for many rows crosses into SQLite (binds aside)
     * once per 64 quotes, not once per quote.
     */
    static final int QUOTES_PER_INSERT = 64;
    private static final int QUOTE_COLUMNS = 8;

    private static final String INSERT_ONE = insertSql(1);
    private static final String INSERT_MANY = insertSql(QUOTES_PER_INSERT);
    private static final String MARK_ISSUED = "UPDATE quotes SET state = 'ISSUED', issued_at = ? WHERE id = ? AND state = 'PAID'";
    private static final String STATE = "SELECT state FROM quotes WHERE id = ?";
    private static final String SELECT =
        "SELECT id, share_hash, amount, unit, pubkey, state, keyset_id, created_at, issued_at FROM quotes WHERE id = ?";
    private static final String COUNT = "SELECT COUNT(*) FROM quotes";
    private final LedgerConnections db;
    private final QuoteKeys keys;

    QuoteTable(LedgerConnections db, QuoteKeys keys) {
        this.db = db;
        this.keys = keys;
    }

    /**
     * Up to {@code limit} quotes of each key in {@code pubkeys} with an id after {@code afterId},
     * in id order (creation order) per key; the caller merges them.
     */
    List<QuoteRow> byPubkeys(List<byte[]> pubkeys, byte[] afterId, int limit) throws SQLException {
        List<byte[]> ids = keys.ids(pubkeys, afterId, limit);
        return db.read(tx -> {
            PreparedStatement select = tx.prepare(SELECT);
            List<QuoteRow> out = new ArrayList<>(ids.size());
            for (byte[] id : ids) {
                select.setBytes(1, id);
                try (ResultSet r = select.executeQuery()) {
                    if (r.next()) out.add(row(r));
                }
            }
            return out;
        });
    }

    /**
     * Inserts {@code rows} in one transaction (one commit, one sync for the whole batch);
     * {@code inTime} false just before the commit rolls it all back.
     */
    void insert(List<NewQuote> rows, java.util.function.BooleanSupplier inTime) throws SQLException {
        if (rows.isEmpty()) return;
        db.writeSql(tx -> {
            insertNow(tx, rows);
            if (!inTime.getAsBoolean()) throw new Ledger.LateCommit();
            return null;
        });
    }

    /** Within the caller's write transaction: {@link #QUOTES_PER_INSERT} rows per statement, the rest one by one. */
    static void insertNow(LedgerConnections.Tx tx, List<NewQuote> rows) throws SQLException {
        PreparedStatement insertMany = rows.size() >= QUOTES_PER_INSERT ? tx.prepare(INSERT_MANY) : null;
        PreparedStatement insertOne = rows.size() % QUOTES_PER_INSERT != 0 ? tx.prepare(INSERT_ONE) : null;
        int i = 0;
        for (; i + QUOTES_PER_INSERT <= rows.size(); i += QUOTES_PER_INSERT) {
            for (int j = 0; j < QUOTES_PER_INSERT; j++) bind(insertMany, j * QUOTE_COLUMNS, rows.get(i + j));
            insertMany.addBatch();
        }
        for (; i < rows.size(); i++) {
            bind(insertOne, 0, rows.get(i));
            insertOne.addBatch();
        }
        if (insertMany != null) insertMany.executeBatch();
        if (insertOne != null) insertOne.executeBatch();
    }

    /** How many quotes the ledger holds. */
    long count() throws SQLException {
        return db.read(tx -> {
            try (ResultSet r = tx.prepare(COUNT).executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    private static String insertSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO quotes (id, share_hash, amount, unit, pubkey, state, keyset_id, created_at) VALUES ");
        for (int i = 0; i < rows; i++) sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
        return sql.toString();
    }

    /** Binds one quote's 8 columns after parameter {@code offset}. */
    private static void bind(PreparedStatement p, int offset, NewQuote q) throws SQLException {
        p.setBytes(offset + 1, q.id());
        p.setBytes(offset + 2, q.shareHash());
        p.setLong(offset + 3, q.amount());
        p.setString(offset + 4, q.unit());
        if (q.pubkey() == null) {
            p.setNull(offset + 5, Types.BINARY); // bytea in PostgreSQL (BLOB would mean a large object there)
        } else {
            p.setBytes(offset + 5, q.pubkey());
        }
        p.setString(offset + 6, QuoteState.PAID.name());
        p.setBytes(offset + 7, q.keysetId());
        p.setLong(offset + 8, q.createdAtMs());
    }

    Optional<QuoteRow> find(String id) throws SQLException {
        return db.read(tx -> findNow(tx.prepare(SELECT), id));
    }

    /** The quotes among {@code ids} that exist, by id. */
    Map<String, QuoteRow> find(Collection<String> ids) throws SQLException {
        return db.read(tx -> {
            PreparedStatement select = tx.prepare(SELECT);
            Map<String, QuoteRow> out = new HashMap<>();
            for (String id : ids) findNow(select, id).ifPresent(q -> out.put(id, q));
            return out;
        });
    }

    private static Optional<QuoteRow> findNow(PreparedStatement select, String id) throws SQLException {
        byte[] key = QuoteIds.parse(id);
        if (key == null) return Optional.empty(); // not an id the mint hands out
        select.setBytes(1, key);
        try (ResultSet r = select.executeQuery()) {
            if (!r.next()) return Optional.empty();
            return Optional.of(row(r));
        }
    }

    private static QuoteRow row(ResultSet r) throws SQLException {
        long issued = r.getLong(9);
        Long issuedAt = r.wasNull() ? null : issued;
        return new QuoteRow(QuoteIds.hex(r.getBytes(1)), QuoteIds.hex(r.getBytes(2)), r.getLong(3), r.getString(4),
            QuoteIds.hex(r.getBytes(5)), QuoteState.valueOf(r.getString(6)), QuoteIds.hex(r.getBytes(7)), r.getLong(8), issuedAt);
    }

    /** Within the caller's write transaction: each quote goes PAID -> ISSUED, or the conflict says why not. */
    void markIssued(LedgerConnections.Tx tx, List<String> quoteIds, long nowMs) throws SQLException, LedgerConflict {
        PreparedStatement markIssued = tx.prepare(MARK_ISSUED);
        // in id order, so two transactions on one database lock shared quotes in the same order
        for (String id : quoteIds.stream().sorted().toList()) {
            markIssued.setLong(1, nowMs);
            markIssued.setBytes(2, QuoteIds.key(id));
            if (markIssued.executeUpdate() != 1) throw notPaid(tx, id);
        }
    }

    private static LedgerConflict notPaid(LedgerConnections.Tx tx, String id) throws SQLException {
        PreparedStatement stateForUpdate = tx.prepare(STATE);
        stateForUpdate.setBytes(1, QuoteIds.key(id));
        try (ResultSet r = stateForUpdate.executeQuery()) {
            if (!r.next()) return new LedgerConflict(LedgerConflict.Kind.QUOTE_NOT_FOUND, "quote not found: " + id);
            return switch (QuoteState.valueOf(r.getString(1))) {
                case ISSUED -> new LedgerConflict(LedgerConflict.Kind.QUOTE_ALREADY_ISSUED, "quote already issued");
                case UNPAID -> new LedgerConflict(LedgerConflict.Kind.QUOTE_NOT_PAID, "quote not paid");
                case PAID -> new LedgerConflict(LedgerConflict.Kind.QUOTE_CHANGED, "quote changed while minting; try again");
            };
        }
    }
}
