package org.sharemint.mint;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the ledger finds the quotes locked to one key (the lookup of POST
 * /v1/mint/quote/ehash/pubkey) without a table scan. A quote id begins with its creation time in
 * milliseconds, so one key's ids in byte order are its quotes oldest first.
 *
 * <p>PostgreSQL keeps an index on {@code quotes (pubkey, id)} written with every quote. SQLite
 * cannot afford that: each commit rewrites every page it touched, and with many miners' keys in
 * one batch an index by key dirties a page per quote — it halved the share rate. There the index
 * lives apart and is filled afterwards, see {@link QuoteKeyFile}.
 */
interface QuoteKeys extends AutoCloseable {
    /**
     * For each key of {@code pubkeys} (compressed), the ids of its quotes after {@code afterId}
     * in ascending order, at most {@code limit}; all keys' ids in one list.
     */
    List<byte[]> ids(List<byte[]> pubkeys, byte[] afterId, int limit) throws SQLException;

    @Override
    void close();

    /** The way for the ledger at {@code url}, whose connections are {@code db}. */
    static QuoteKeys open(LedgerConnections db, String url) throws SQLException {
        if (db.dialect() instanceof LedgerDialect.Sqlite) return QuoteKeyFile.open(url);
        return new Indexed(db);
    }

    /** Runs {@code byKey} (parameters: key, after id, limit; result: ids) once per key. */
    static List<byte[]> query(PreparedStatement byKey, List<byte[]> pubkeys, byte[] afterId, int limit) throws SQLException {
        List<byte[]> out = new ArrayList<>();
        for (byte[] key : pubkeys) {
            byKey.setBytes(1, key);
            byKey.setBytes(2, afterId);
            byKey.setInt(3, limit);
            try (ResultSet r = byKey.executeQuery()) {
                while (r.next()) out.add(r.getBytes(1));
            }
        }
        return out;
    }

    /** The database's own index on {@code quotes (pubkey, id)}. */
    final class Indexed implements QuoteKeys {
        private static final String BY_KEY = "SELECT id FROM quotes WHERE pubkey = ? AND id > ? ORDER BY id LIMIT ?";
        private final LedgerConnections db;

        Indexed(LedgerConnections db) {
            this.db = db;
        }

        @Override
        public List<byte[]> ids(List<byte[]> pubkeys, byte[] afterId, int limit) throws SQLException {
            return db.read(tx -> QuoteKeys.query(tx.prepare(BY_KEY), pubkeys, afterId, limit));
        }

        @Override
        public void close() {}
    }
}
