package org.sharemint.wallet;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinylog.Logger;

/**
 * The wallet's durable state in one SQLite file ({@value #FILE_NAME} in the wallet directory):
 * the NUT-20 locking key, the quotes the pool paid, the outputs of operations in flight and the
 * proofs. WAL journal with synchronous=FULL, so a commit survives a crash or a power cut; every
 * step that must happen together is one transaction.
 *
 * <p>Quote states: PAID (received, not redeemed) -> MINTING (outputs stored, request sent) ->
 * ISSUED (proofs stored); or REJECTED (the mint refused it for good) or LOST (the mint signed
 * but the signatures could not be recovered). Proof states: UNSPENT, PENDING (input of a swap
 * in flight), SENT (in a token given away), SPENT.
 *
 * <p>Threads: one JDBC connection, every method synchronized. Another process (the
 * {@code wallet} command next to a running miner) may use the same file; SQLite's locking and
 * the busy timeout serialize them.
 */
public final class WalletStore implements AutoCloseable {
    public static final String FILE_NAME = "wallet.db";
    private static final HexFormat HEX = HexFormat.of();
    private static final int SCHEMA_VERSION = 1;

    /** A quote as recorded. */
    public record Quote(String quoteId, long amount, String keysetId, String shareHash, String state, String detail, int attempts, long nextAttemptMs) {}

    /** An operation whose outputs went (or are about to go) to the mint. */
    public record Operation(String opId, String kind, String quoteId, String token, String state, List<StoredOutput> outputs, long createdMs) {}

    /** An output of an operation: {@code send} outputs end up in a token, {@code keep} outputs in the wallet. */
    public record StoredOutput(BlindedOutput output, String purpose) {}

    private final Connection db;

    private WalletStore(Connection db) {
        this.db = db;
    }

    /**
     * Opens (creating when new) the store in {@code dir}. A directory it creates is owner-only
     * (the proofs are bearer money, and SQLite's -wal and -shm files beside the database follow
     * the umask); an existing one open to others gets a warning.
     */
    public static WalletStore open(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (dir.toAbsolutePath().getParent() != null) Files.createDirectories(dir.toAbsolutePath().getParent());
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } else if (posix) {
            var perms = Files.getPosixFilePermissions(dir);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                Logger.warn("wallet directory {} is open to others ({}): its proofs are money; chmod 700 it", dir, PosixFilePermissions.toString(perms));
            }
        }
        if (posix && !Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            WalletStore store = new WalletStore(c);
            store.migrate();
            return store;
        } catch (SQLException e) {
            throw new IOException("wallet " + file + ": " + e.getMessage(), e);
        }
    }

    private void migrate() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("""
                CREATE TABLE IF NOT EXISTS quotes (
                  quote_id TEXT PRIMARY KEY, amount INTEGER NOT NULL, keyset_id TEXT NOT NULL, share_hash TEXT NOT NULL,
                  state TEXT NOT NULL, detail TEXT, received_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
                  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_ms INTEGER NOT NULL DEFAULT 0)""");
            s.execute("CREATE INDEX IF NOT EXISTS quotes_state ON quotes (state, next_attempt_ms)");
            s.execute("""
                CREATE TABLE IF NOT EXISTS operations (
                  op_id TEXT PRIMARY KEY, kind TEXT NOT NULL, quote_id TEXT, token TEXT, state TEXT NOT NULL,
                  created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL)""");
            s.execute("""
                CREATE TABLE IF NOT EXISTS outputs (
                  op_id TEXT NOT NULL REFERENCES operations (op_id), position INTEGER NOT NULL, amount INTEGER NOT NULL,
                  keyset_id TEXT NOT NULL, secret TEXT NOT NULL, r TEXT NOT NULL, b TEXT NOT NULL, purpose TEXT NOT NULL,
                  PRIMARY KEY (op_id, position))""");
            s.execute("""
                CREATE TABLE IF NOT EXISTS proofs (
                  secret TEXT PRIMARY KEY, amount INTEGER NOT NULL, keyset_id TEXT NOT NULL, c TEXT NOT NULL,
                  dleq_e TEXT, dleq_s TEXT, dleq_r TEXT, state TEXT NOT NULL, op_id TEXT, created_ms INTEGER NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS proofs_state ON proofs (state)");
            s.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('schema_version', '" + SCHEMA_VERSION + "')");
        }
    }

    // --- meta ---

    public synchronized String meta(String name) throws IOException {
        try (PreparedStatement p = db.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw fail("read " + name, e);
        }
    }

    /** Sets {@code name} unless it is set already; returns the value in force afterwards. */
    public synchronized String metaIfAbsent(String name, String value) throws IOException {
        try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)")) {
            p.setString(1, name);
            p.setString(2, value);
            p.executeUpdate();
        } catch (SQLException e) {
            throw fail("write " + name, e);
        }
        return meta(name);
    }

    // --- quotes ---

    /** Records a quote the pool paid, in state PAID; false when it was recorded already. */
    public synchronized boolean addQuote(String quoteId, long amount, byte[] keysetId, byte[] shareHash, long nowMs) throws IOException {
        try (PreparedStatement p = db.prepareStatement("""
                INSERT OR IGNORE INTO quotes (quote_id, amount, keyset_id, share_hash, state, received_ms, updated_ms)
                VALUES (?, ?, ?, ?, 'PAID', ?, ?)""")) {
            p.setString(1, quoteId);
            p.setLong(2, amount);
            p.setString(3, HEX.formatHex(keysetId));
            p.setString(4, HEX.formatHex(shareHash));
            p.setLong(5, nowMs);
            p.setLong(6, nowMs);
            return p.executeUpdate() == 1;
        } catch (SQLException e) {
            throw fail("record quote " + quoteId, e);
        }
    }

    public synchronized Quote quote(String quoteId) throws IOException {
        List<Quote> l = quotes("WHERE quote_id = ?", quoteId);
        return l.isEmpty() ? null : l.get(0);
    }

    /** Quotes to redeem now: PAID or MINTING, due by {@code nowMs}, oldest first. */
    public synchronized List<Quote> dueQuotes(long nowMs, int limit) throws IOException {
        return quotes("WHERE state IN ('PAID', 'MINTING') AND next_attempt_ms <= ? ORDER BY received_ms LIMIT " + limit, nowMs);
    }

    /** Every quote (for listing), newest first. */
    public synchronized List<Quote> allQuotes() throws IOException {
        return quotes("ORDER BY received_ms DESC");
    }

    /** Number of quotes per state. */
    public synchronized Map<String, Long> quoteCounts() throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT state, COUNT(*) FROM quotes GROUP BY state ORDER BY state")) {
            while (r.next()) m.put(r.getString(1), r.getLong(2));
        } catch (SQLException e) {
            throw fail("count quotes", e);
        }
        return m;
    }

    private List<Quote> quotes(String where, Object... args) throws IOException {
        try (PreparedStatement p = db.prepareStatement("SELECT quote_id, amount, keyset_id, share_hash, state, detail, attempts, next_attempt_ms FROM quotes " + where)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            List<Quote> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Quote(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getInt(7), r.getLong(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("read quotes", e);
        }
    }

    /** A transient failure: try again at {@code nextAttemptMs}. */
    public synchronized void retryLater(String quoteId, String detail, long nextAttemptMs, long nowMs) throws IOException {
        update("UPDATE quotes SET attempts = attempts + 1, next_attempt_ms = ?, detail = ?, updated_ms = ? WHERE quote_id = ?",
                nextAttemptMs, detail, nowMs, quoteId);
    }

    /** The mint refused the quote for good (or its signatures are gone): closes it and its operation. */
    public synchronized void closeQuote(String quoteId, String state, String detail, long nowMs) throws IOException {
        transaction(() -> {
            exec("UPDATE quotes SET state = ?, detail = ?, updated_ms = ? WHERE quote_id = ?", state, detail, nowMs, quoteId);
            for (String op : opIds("SELECT op_id FROM operations WHERE quote_id = ? AND state = 'PENDING'", quoteId)) {
                exec("DELETE FROM outputs WHERE op_id = ?", op);
                exec("UPDATE operations SET state = 'FAILED', updated_ms = ? WHERE op_id = ?", nowMs, op);
            }
        });
    }

    /** Drops a pending mint operation whose outputs the mint never signed, so the quote is PAID again. */
    public synchronized void abandonMint(String quoteId, long nowMs) throws IOException {
        transaction(() -> {
            for (String op : opIds("SELECT op_id FROM operations WHERE quote_id = ? AND state = 'PENDING'", quoteId)) {
                exec("DELETE FROM outputs WHERE op_id = ?", op);
                exec("UPDATE operations SET state = 'FAILED', updated_ms = ? WHERE op_id = ?", nowMs, op);
            }
            exec("UPDATE quotes SET state = 'PAID', updated_ms = ? WHERE quote_id = ? AND state = 'MINTING'", nowMs, quoteId);
        });
    }

    /** Before the mint request: its outputs are stored and the quote is MINTING, in one transaction. */
    public synchronized void beginMint(String quoteId, String opId, List<BlindedOutput> outputs, long nowMs) throws IOException {
        transaction(() -> {
            exec("INSERT INTO operations (op_id, kind, quote_id, state, created_ms, updated_ms) VALUES (?, 'mint', ?, 'PENDING', ?, ?)", opId, quoteId, nowMs, nowMs);
            insertOutputs(opId, outputs, "keep");
            exec("UPDATE quotes SET state = 'MINTING', updated_ms = ? WHERE quote_id = ?", nowMs, quoteId);
        });
    }

    /** The mint signed: proofs stored, quote ISSUED, operation done, outputs (and their blinding factors) dropped. */
    public synchronized void finishMint(String quoteId, String opId, List<Proof> proofs, long nowMs) throws IOException {
        transaction(() -> {
            for (Proof p : proofs) insertProof(p, "UNSPENT", opId, nowMs);
            exec("DELETE FROM outputs WHERE op_id = ?", opId);
            exec("UPDATE operations SET state = 'DONE', updated_ms = ? WHERE op_id = ?", nowMs, opId);
            exec("UPDATE quotes SET state = 'ISSUED', detail = NULL, updated_ms = ? WHERE quote_id = ?", nowMs, quoteId);
        });
    }

    // --- swaps ---

    /**
     * Before a swap request: its outputs are stored and the wallet's own inputs are PENDING
     * (none for a receive, whose inputs are the token's), in one transaction.
     */
    public synchronized void beginSwap(String opId, String kind, String token, List<Proof> ownInputs, List<StoredOutput> outputs, long nowMs) throws IOException {
        transaction(() -> {
            exec("INSERT INTO operations (op_id, kind, token, state, created_ms, updated_ms) VALUES (?, ?, ?, 'PENDING', ?, ?)", opId, kind, token, nowMs, nowMs);
            for (Proof p : ownInputs) {
                int n = exec("UPDATE proofs SET state = 'PENDING', op_id = ? WHERE secret = ? AND state = 'UNSPENT'", opId, p.secret());
                if (n != 1) throw new SQLException("proof " + p + " is no longer unspent");
            }
            for (int i = 0; i < outputs.size(); i++) insertOutput(opId, i, outputs.get(i).output(), outputs.get(i).purpose());
        });
    }

    /**
     * The mint signed the swap: inputs SPENT, new proofs stored ({@code keep} UNSPENT, {@code send}
     * SENT with the token), operation done.
     */
    public synchronized void finishSwap(String opId, List<Proof> keep, List<Proof> sent, String token, long nowMs) throws IOException {
        transaction(() -> {
            exec("UPDATE proofs SET state = 'SPENT' WHERE op_id = ? AND state = 'PENDING'", opId);
            for (Proof p : keep) insertProof(p, "UNSPENT", opId, nowMs);
            for (Proof p : sent) insertProof(p, "SENT", opId, nowMs);
            exec("DELETE FROM outputs WHERE op_id = ?", opId);
            exec("UPDATE operations SET state = 'DONE', token = COALESCE(?, token), updated_ms = ? WHERE op_id = ?", token, nowMs, opId);
        });
    }

    /** The swap did not happen: inputs back to UNSPENT, outputs dropped. */
    public synchronized void abandonSwap(String opId, String state, long nowMs) throws IOException {
        transaction(() -> {
            exec("UPDATE proofs SET state = 'UNSPENT', op_id = NULL WHERE op_id = ? AND state = 'PENDING'", opId);
            exec("DELETE FROM outputs WHERE op_id = ?", opId);
            exec("UPDATE operations SET state = ?, updated_ms = ? WHERE op_id = ?", state, nowMs, opId);
        });
    }

    /** Proofs given away without a swap (they were exact already): SENT, with the token. */
    public synchronized void markSent(String opId, List<Proof> proofs, String token, long nowMs) throws IOException {
        transaction(() -> {
            exec("INSERT INTO operations (op_id, kind, token, state, created_ms, updated_ms) VALUES (?, 'send', ?, 'DONE', ?, ?)", opId, token, nowMs, nowMs);
            for (Proof p : proofs) {
                int n = exec("UPDATE proofs SET state = 'SENT', op_id = ? WHERE secret = ? AND state = 'UNSPENT'", opId, p.secret());
                if (n != 1) throw new SQLException("proof " + p + " is no longer unspent");
            }
        });
    }

    /** Operations still PENDING (interrupted by a crash or a lost answer). */
    public synchronized List<Operation> pendingOperations() throws IOException {
        List<Operation> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT op_id, kind, quote_id, token, state, created_ms FROM operations WHERE state = 'PENDING' ORDER BY created_ms");
             ResultSet r = p.executeQuery()) {
            while (r.next()) out.add(new Operation(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), List.of(), r.getLong(6)));
        } catch (SQLException e) {
            throw fail("read operations", e);
        }
        List<Operation> full = new ArrayList<>();
        for (Operation o : out) full.add(new Operation(o.opId(), o.kind(), o.quoteId(), o.token(), o.state(), outputs(o.opId()), o.createdMs()));
        return full;
    }

    /** The pending mint operation of a quote in state MINTING, or null. */
    public synchronized Operation pendingMint(String quoteId) throws IOException {
        for (Operation o : pendingOperations()) if ("mint".equals(o.kind()) && quoteId.equals(o.quoteId())) return o;
        return null;
    }

    private List<StoredOutput> outputs(String opId) throws IOException {
        try (PreparedStatement p = db.prepareStatement("SELECT amount, keyset_id, secret, r, b, purpose FROM outputs WHERE op_id = ? ORDER BY position")) {
            p.setString(1, opId);
            List<StoredOutput> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    BlindedOutput o = new BlindedOutput(r.getLong(1), r.getString(2), r.getString(3), new BigInteger(r.getString(4), 16), HEX.parseHex(r.getString(5)));
                    out.add(new StoredOutput(o, r.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw fail("read outputs", e);
        }
    }

    /** Own proofs in PENDING state for an operation (the inputs of a swap). */
    public synchronized List<Proof> pendingInputs(String opId) throws IOException {
        return proofs("WHERE state = 'PENDING' AND op_id = ?", opId);
    }

    // --- proofs ---

    /** Spendable proofs, largest first. */
    public synchronized List<Proof> unspent() throws IOException {
        return proofs("WHERE state = 'UNSPENT' ORDER BY amount DESC, created_ms");
    }

    /** A proof with its state. */
    public record ProofRow(Proof proof, String state) {}

    /** Every proof with its state (for listing), oldest first. */
    public synchronized List<ProofRow> allProofs() throws IOException {
        List<ProofRow> m = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT amount, keyset_id, secret, c, dleq_e, dleq_s, dleq_r, state FROM proofs ORDER BY created_ms, amount");
             ResultSet r = p.executeQuery()) {
            while (r.next()) m.add(new ProofRow(proof(r), r.getString(8)));
        } catch (SQLException e) {
            throw fail("read proofs", e);
        }
        return m;
    }

    /** Sum of the UNSPENT proofs. */
    public synchronized long balance() throws IOException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(SUM(amount), 0) FROM proofs WHERE state = 'UNSPENT'")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw fail("sum proofs", e);
        }
    }

    private List<Proof> proofs(String where, Object... args) throws IOException {
        try (PreparedStatement p = db.prepareStatement("SELECT amount, keyset_id, secret, c, dleq_e, dleq_s, dleq_r FROM proofs " + where)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            List<Proof> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(proof(r));
            }
            return out;
        } catch (SQLException e) {
            throw fail("read proofs", e);
        }
    }

    private static Proof proof(ResultSet r) throws SQLException {
        String e = r.getString(5), s = r.getString(6), rr = r.getString(7);
        Proof.Dleq dleq = e == null || s == null ? null : new Proof.Dleq(HEX.parseHex(e), HEX.parseHex(s), rr == null ? null : HEX.parseHex(rr));
        return new Proof(r.getLong(1), r.getString(2), r.getString(3), HEX.parseHex(r.getString(4)), dleq);
    }

    // --- plumbing ---

    private void insertOutputs(String opId, List<BlindedOutput> outputs, String purpose) throws SQLException {
        for (int i = 0; i < outputs.size(); i++) insertOutput(opId, i, outputs.get(i), purpose);
    }

    private void insertOutput(String opId, int position, BlindedOutput o, String purpose) throws SQLException {
        exec("INSERT INTO outputs (op_id, position, amount, keyset_id, secret, r, b, purpose) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                opId, position, o.amount(), o.keysetId(), o.secret(), o.r().toString(16), o.blindedHex(), purpose);
    }

    private void insertProof(Proof p, String state, String opId, long nowMs) throws SQLException {
        Proof.Dleq d = p.dleq();
        exec("INSERT INTO proofs (secret, amount, keyset_id, c, dleq_e, dleq_s, dleq_r, state, op_id, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.secret(), p.amount(), p.keysetId(), p.cHex(),
                d == null ? null : HEX.formatHex(d.e()), d == null ? null : HEX.formatHex(d.s()),
                d == null || d.r() == null ? null : HEX.formatHex(d.r()), state, opId, nowMs);
    }

    private List<String> opIds(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            List<String> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
            return out;
        }
    }

    private int exec(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            return p.executeUpdate();
        }
    }

    private void update(String sql, Object... args) throws IOException {
        try {
            exec(sql, args);
        } catch (SQLException e) {
            throw fail("update", e);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /** Runs {@code w} in one transaction (BEGIN IMMEDIATE: the write lock is taken up front). */
    private void transaction(Work w) throws IOException {
        try {
            try (Statement s = db.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                w.run();
                try (Statement s = db.createStatement()) {
                    s.execute("COMMIT");
                }
            } catch (SQLException | RuntimeException e) {
                try (Statement s = db.createStatement()) {
                    s.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw fail("transaction", e);
        }
    }

    private static IOException fail(String what, SQLException e) {
        return new IOException("wallet store: " + what + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            Logger.warn("closing the wallet store: {}", e.getMessage());
        }
    }
}
