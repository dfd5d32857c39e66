package org.sharemint.mint;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the ledger's JDBC work off virtual threads. SQLite runs in native code (JNI), and a virtual
 * thread in a native call — a commit's fsync included — pins its carrier; with one carrier per
 * core, two such calls would stall every other virtual thread in the process (the pool's
 * connections too). A virtual thread therefore hands the call to one of two platform threads
 * (one for the writer, one for the reader is all the ledger's locks allow at once) and waits
 * unmounted; a platform thread runs the call itself.
 */
final class Carriers implements AutoCloseable {
    /** Ledger work that may fail like the ledger does. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException, LedgerConflict;
    }

    private final ExecutorService platform = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("ledger-", 0).daemon(true).factory());

    <T> T call(Work<T> work) throws SQLException, LedgerConflict {
        if (!Thread.currentThread().isVirtual()) return work.run();
        Future<T> f;
        try {
            f = platform.submit(work::run);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new SQLException("the ledger is closed");
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof SQLException s) throw s;
            if (c instanceof LedgerConflict x) throw x;
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            // the call itself still completes (or rolls back) on its platform thread
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the ledger", e);
        }
    }

    /** Like {@link #call} for work that the ledger's rows cannot refuse. */
    <T> T sql(Work<T> work) throws SQLException {
        try {
            return call(work);
        } catch (LedgerConflict e) {
            throw new IllegalStateException("unexpected refusal from ledger work", e);
        }
    }

    @Override
    public void close() {
        platform.shutdown();
    }
}
