package org.sharemint.mint;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of many keys a table holds, {@link #SIZE} keys per query ({@code key IN (?, ...)}) instead
 * of one query per key: a swap's look-ups are one or two queries, not one per input and output.
 * One statement shape for every count (a short last chunk repeats its first key), so each
 * connection prepares it once.
 */
final class KeyChunks {
    /** Keys per query: a swap of a few dozen outputs takes one to four. */
    static final int SIZE = 16;
    /** The IN list of a chunk's statement. */
    static final String PLACEHOLDERS = String.join(", ", Collections.nCopies(SIZE, "?"));

    private KeyChunks() {}

    /** The keys among {@code keys} that {@code selectIn} (one key column, SIZE parameters) returns; inside a read. */
    static Set<String> existing(LedgerConnections.Tx tx, String selectIn, List<String> keys) throws SQLException {
        Set<String> out = new HashSet<>();
        if (keys.isEmpty()) return out;
        PreparedStatement select = tx.prepare(selectIn);
        for (int from = 0; from < keys.size(); from += SIZE) {
            int to = Math.min(keys.size(), from + SIZE);
            for (int i = 0; i < SIZE; i++) select.setString(i + 1, keys.get(from + i < to ? from + i : from));
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
        }
        return out;
    }
}
