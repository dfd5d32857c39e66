package org.sharemint.mint;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.mint.LedgerRecords.SignatureRow;
import org.sharemint.mint.LedgerRecords.SpentRow;

/**
 * The swap's ledger work, shaped for many small swaps at once: one read for both of its
 * look-ups (spent inputs, signed outputs), and on SQLite a group commit of the swaps that arrive
 * together.
 *
 * <p>An SQLite ledger has one writer, and with {@code synchronous=FULL} every commit syncs the WAL:
 * one sync per swap made the commit the swap's largest ledger cost and its sync time a ceiling on
 * swaps per second. Here each swap queues its rows and takes the commit lock; whoever holds it
 * writes everything queued by then in one transaction, so swaps that wait while a commit runs go
 * in together with the next one (no timer: a lone swap commits at once). Each swap is answered only
 * after the commit that holds its rows, so durability is as before. When a group is refused (an
 * input spent or an output signed before, by one swap of the group or by another earlier) or
 * fails, it is rolled back whole and its swaps are written again one by one, each with its own
 * verdict, in the order they arrived. PostgreSQL ledgers write each swap on its own, as
 * {@link Ledger#swap} does: their writes run side by side already.
 */
final class SwapLedger {
    /** Swaps per group commit at most: bounds a transaction's size and the wait of the swaps in it. */
    static final int MAX_GROUP = 64;

    private final Ledger ledger;
    private final LedgerConnections db;
    private final SpentProofTable spent;
    private final SignatureTable signatures;
    private final boolean group;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();

    SwapLedger(Ledger ledger) {
        this.ledger = ledger;
        this.db = ledger.connections();
        this.spent = new SpentProofTable(db);
        this.signatures = new SignatureTable(db);
        this.group = db.dialect() instanceof LedgerDialect.Sqlite;
    }

    /** What the look-ups found: inputs already spent, outputs already signed (read side; the write checks again). */
    record Used(boolean inputsSpent, boolean outputsSigned) {}

    /** Both look-ups in one read, inputs by Y and outputs by B_ (compressed hex). */
    Used used(List<String> ys, List<String> blinded) throws SQLException {
        return db.read(tx -> new Used(!SpentProofTable.spentAmong(tx, ys).isEmpty(), !SignatureTable.signedAmong(tx, blinded).isEmpty()));
    }

    /**
     * As {@link Ledger#swap}: every input's Y marked spent and the signatures stored, durably, or
     * nothing of this swap written.
     *
     * @throws LedgerConflict when an input was spent before or a B_ was signed before
     */
    void swap(List<SpentRow> inputs, List<SignatureRow> rows, long nowMs) throws SQLException, LedgerConflict {
        if (!group) {
            ledger.swap(inputs, rows, nowMs);
            return;
        }
        Pending mine = new Pending(inputs, rows, nowMs);
        queue.add(mine);
        commitLock.lock();
        try {
            // the queue is FIFO: a later round takes this swap when an earlier one was full
            while (!mine.done) {
                if (!commitQueued()) {
                    mine.failure = new SQLException("the swap's rows were lost before their commit");
                    mine.done = true;
                }
            }
        } finally {
            commitLock.unlock();
        }
        mine.answer();
    }

    /**
     * With the commit lock: writes up to MAX_GROUP queued swaps in one transaction, or one by one
     * when that fails; false when the queue was empty.
     */
    private boolean commitQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_GROUP && (p = queue.poll()) != null; ) batch.add(p);
        if (batch.isEmpty()) return false;
        try {
            commit(batch);
        } finally { // an Error on the way: no swap of the batch is left waiting for an answer
            for (Pending p : batch) {
                if (!p.done) {
                    p.failure = new SQLException("the swap's commit failed");
                    p.done = true;
                }
            }
        }
        return true;
    }

    private void commit(List<Pending> batch) {
        if (batch.size() > 1) {
            try {
                db.write(tx -> {
                    for (Pending p : batch) {
                        spent.insertNew(tx, p.inputs, p.nowMs);
                        signatures.insertNew(tx, p.rows, p.nowMs);
                    }
                    return null;
                });
                for (Pending p : batch) p.done = true;
                return;
            } catch (SQLException | LedgerConflict | RuntimeException e) {
                // rolled back whole: each swap again on its own below, for its own verdict
            }
        }
        for (Pending p : batch) {
            try {
                ledger.swap(p.inputs, p.rows, p.nowMs);
            } catch (SQLException | LedgerConflict | RuntimeException e) {
                p.failure = e;
            }
            p.done = true;
        }
    }

    /** One swap's rows and, once written (done), its failure if any; read and written under the commit lock. */
    private static final class Pending {
        final List<SpentRow> inputs;
        final List<SignatureRow> rows;
        final long nowMs;
        boolean done;
        Exception failure;

        Pending(List<SpentRow> inputs, List<SignatureRow> rows, long nowMs) {
            this.inputs = inputs;
            this.rows = rows;
            this.nowMs = nowMs;
        }

        void answer() throws SQLException, LedgerConflict {
            switch (failure) {
                case null -> { }
                case SQLException e -> throw e;
                case LedgerConflict e -> throw e;
                case RuntimeException e -> throw e;
                default -> throw new IllegalStateException(failure);
            }
        }
    }
}
