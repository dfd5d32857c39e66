package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ledger work leaves virtual threads for a platform thread, and its failures come back unchanged. */
class CarriersTest {
    @Test
    void virtualCallersHandOffPlatformCallersRunInline() throws Exception {
        try (Carriers c = new Carriers()) {
            CompletableFuture<Boolean> ranVirtual = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    ranVirtual.complete(c.sql(() -> Thread.currentThread().isVirtual()));
                } catch (SQLException e) {
                    ranVirtual.completeExceptionally(e);
                }
            });
            assertFalse(ranVirtual.get(10, TimeUnit.SECONDS));
            Thread me = Thread.currentThread();
            assertSame(me, c.sql(Thread::currentThread));
        }
    }

    @Test
    void failuresPropagateAndAClosedLedgerSaysSo() throws Exception {
        Carriers c = new Carriers();
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                c.call(() -> {
                    throw new LedgerConflict(LedgerConflict.Kind.PROOF_ALREADY_SPENT, "proofs already spent");
                });
                seen.complete(null);
            } catch (Throwable t) {
                seen.complete(t);
            }
        });
        LedgerConflict e = (LedgerConflict) seen.get(10, TimeUnit.SECONDS);
        assertEquals(LedgerConflict.Kind.PROOF_ALREADY_SPENT, e.kind());
        assertEquals(11001, CashuException.of(e).code(), "the mint answers it as NUT code 11001");
        c.close();
        CompletableFuture<Throwable> after = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                c.sql(() -> 1);
                after.complete(null);
            } catch (Throwable t) {
                after.complete(t);
            }
        });
        Throwable t = after.get(10, TimeUnit.SECONDS);
        assertTrue(t instanceof SQLException && t.getMessage().contains("closed"), String.valueOf(t));
        assertThrows(SQLException.class, () -> c.sql(() -> {
            throw new SQLException("boom");
        }));
    }
}
