package org.sharemint.mint;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharemint.mint.LedgerRecords.SignatureRow;

/** The ledger's {@code signatures} table: every blind signature handed out, by B_ (each B_ is signed once). */
final class SignatureTable {
    private static final String INSERT = "INSERT INTO signatures (b_, amount, keyset_id, c_, origin, created_at) VALUES (?, ?, ?, ?, ?, ?) "
        + "ON CONFLICT (b_) DO NOTHING";
    private static final String SELECT = "SELECT amount, keyset_id, c_, origin FROM signatures WHERE b_ = ?";

    private final LedgerConnections db;

    SignatureTable(LedgerConnections db) {
        this.db = db;
    }

    /** The B_s among {@code blinded} that already have a signature. */
    Set<String> signedAmong(Collection<String> blinded) throws SQLException {
        return db.read(tx -> signedAmong(tx, List.copyOf(blinded)));
    }

    /** {@link #signedAmong(Collection)} inside the caller's read, {@link KeyChunks#SIZE} B_s per query. */
    static Set<String> signedAmong(LedgerConnections.Tx tx, List<String> blinded) throws SQLException {
        return KeyChunks.existing(tx, SELECT_SIGNED_IN, blinded);
    }

    private static final String SELECT_SIGNED_IN = "SELECT b_ FROM signatures WHERE b_ IN (" + KeyChunks.PLACEHOLDERS + ")";

    /** The stored signatures of the B_s among {@code blinded} that have one, by B_ (NUT-09 restore). */
    Map<String, SignatureRow> of(Collection<String> blinded) throws SQLException {
        return db.read(tx -> {
            PreparedStatement select = tx.prepare(SELECT);
            Map<String, SignatureRow> out = new HashMap<>();
            for (String b : blinded) {
                select.setString(1, b);
                try (ResultSet r = select.executeQuery()) {
                    if (r.next()) out.put(b, new SignatureRow(b, r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return out;
        });
    }

    /**
     * Within the caller's write transaction; refused (OUTPUT_ALREADY_SIGNED) when a B_ was signed
     * before. Sorted by B_ for the same reason as {@link SpentProofTable#insertNew}.
     */
    void insertNew(LedgerConnections.Tx tx, List<SignatureRow> signatures, long nowMs) throws SQLException, LedgerConflict {
        List<SignatureRow> sorted = signatures.stream().sorted(java.util.Comparator.comparing(SignatureRow::blinded)).toList();
        LedgerConnections.insertAllNew(tx.prepare(INSERT), sorted, (p, s) -> {
            p.setString(1, s.blinded());
            p.setLong(2, s.amount());
            p.setString(3, s.keysetId());
            p.setString(4, s.signature());
            p.setString(5, s.origin());
            p.setLong(6, nowMs);
        }, LedgerConflict.Kind.OUTPUT_ALREADY_SIGNED, "outputs already signed");
    }
}
