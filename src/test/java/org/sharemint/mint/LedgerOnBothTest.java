package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sharemint.mint.LedgerRecords.NewQuote;
import org.sharemint.mint.LedgerRecords.SignatureRow;
import org.sharemint.mint.LedgerRecords.SpentRow;

/**
 * The ledger's guarantees on both databases it runs on (SQLite file, PostgreSQL server): a batch
 * of quotes lands whole or not at all, a late commit is rolled back, a quote is minted once, a
 * B_ is signed once, a Y is spent once — also between two ledgers on one PostgreSQL database,
 * which is what two mint processes are, racing hundreds of times (one SQLite file is one mint's:
 * data.dir's lock keeps a second one out).
 */
@ExtendWith(PostgresExtension.class)
class LedgerOnBothTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final String DATABASES = "org.sharemint.mint.PostgresExtension#databases";

    @TempDir
    Path dir;

    private String url(String kind) {
        return PostgresExtension.ledgerUrl(kind, dir, LedgerOnBothTest.class);
    }

    static Ledger open(String url) throws SQLException {
        return Ledger.open(url, url.startsWith("jdbc:postgresql:") ? TestPostgres.PASSWORD : null);
    }

    static NewQuote quote(byte[] id) {
        byte[] share = new byte[32];
        RANDOM.nextBytes(share);
        return new NewQuote(id, share, 1, "hash", null, HexFormat.of().parseHex("00aa"), 1_800_000_000_000L);
    }

    static byte[] id(int n) {
        return HexFormat.of().parseHex(String.format("%044x", n));
    }

    static String hex(int n) {
        return String.format("%044x", n);
    }

    static String point(String tag, int n) {
        return "02" + String.format("%064x", (long) tag.hashCode() * 1_000_003L + n).substring(0, 64);
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void batchesLandWholeOrNotAtAll(String kind) throws Exception {
        int per = QuoteTable.QUOTES_PER_INSERT;
        String url = url(kind);
        int total = 0;
        try (Ledger l = open(url)) {
            int n = 0;
            for (int size : new int[] {1, per - 1, per, per + 1, 2 * per + 7, 1024}) {
                List<NewQuote> rows = new ArrayList<>();
                for (int i = 0; i < size; i++) rows.add(quote(id(n++)));
                l.insertQuotes(rows);
                total += size;
            }
            assertEquals(total, l.quoteCount());
            assertEquals(hex(5), l.quote(hex(5)).orElseThrow().id());
            // an id already taken, in the multi-row part or in the rest: nothing of the batch lands
            for (int clash : new int[] {per / 2, per + 3}) {
                List<NewQuote> rows = new ArrayList<>();
                for (int i = 0; i < per + 5; i++) rows.add(quote(id(i == clash ? 0 : 1_000_000 + clash * 1000 + i)));
                assertThrows(SQLException.class, () -> l.insertQuotes(rows));
            }
            // late: rolled back before the commit
            assertThrows(Ledger.LateCommit.class, () -> l.insertQuotes(List.of(quote(id(2_000_000)), quote(id(2_000_001))), () -> false));
            assertEquals(total, l.quoteCount());
            assertTrue(l.quote(hex(2_000_000)).isEmpty());
            // and the ledger goes on after the failures
            l.insertQuotes(List.of(quote(id(3_000_000))));
            assertEquals(total + 1, l.quoteCount());
        }
        try (Ledger again = open(url)) {
            assertEquals(total + 1, again.quoteCount(), "reopened: the same schema version, every quote there");
        }
    }

    @ParameterizedTest
    @MethodSource(DATABASES)
    void aQuoteMintsOnceABlindedSignsOnceAYSpendsOnce(String kind) throws Exception {
        try (Ledger l = open(url(kind))) {
            l.insertQuotes(List.of(quote(id(1)), quote(id(2))));
            SignatureRow s1 = new SignatureRow(point("b", 1), 1, "00aa", point("c", 1), "mint:" + hex(1));
            l.issue(List.of(hex(1)), List.of(s1), 5);
            assertEquals(QuoteState.ISSUED, l.quote(hex(1)).orElseThrow().state());
            LedgerConflict again = assertThrows(LedgerConflict.class,
                () -> l.issue(List.of(hex(1)), List.of(new SignatureRow(point("b", 2), 1, "00aa", point("c", 2), "mint")), 6));
            assertEquals(LedgerConflict.Kind.QUOTE_ALREADY_ISSUED, again.kind());
            // quote 2 with a B_ signed before: refused, and quote 2 stays PAID (nothing half-written)
            LedgerConflict signed = assertThrows(LedgerConflict.class, () -> l.issue(List.of(hex(2)), List.of(s1), 7));
            assertEquals(LedgerConflict.Kind.OUTPUT_ALREADY_SIGNED, signed.kind());
            assertEquals(QuoteState.PAID, l.quote(hex(2)).orElseThrow().state());
            assertEquals(Set.of(), l.signedAmong(List.of(point("b", 2))));

            SpentRow y = new SpentRow(point("y", 1), 1, "00aa");
            l.swap(List.of(y), List.of(new SignatureRow(point("b", 3), 1, "00aa", point("c", 3), "swap")), 8);
            LedgerConflict spent = assertThrows(LedgerConflict.class,
                () -> l.swap(List.of(new SpentRow(point("y", 2), 1, "00aa"), y), List.of(new SignatureRow(point("b", 4), 1, "00aa", point("c", 4), "swap")), 9));
            assertEquals(LedgerConflict.Kind.PROOF_ALREADY_SPENT, spent.kind());
            assertEquals(Set.of(), l.spentAmong(List.of(point("y", 2))), "the other input of the refused swap is not spent");
            assertEquals(Set.of(), l.signedAmong(List.of(point("b", 4))));
            assertEquals(Set.of(point("b", 1), point("b", 3)), l.signedAmong(List.of(point("b", 1), point("b", 3), point("b", 4))));
        }
    }

    /**
     * Two ledgers on one database (two mint processes): the same quote minted and the same proof
     * spent from both at the same instant, 200 times each; exactly one wins every time, and the
     * loser's signatures are not stored.
     */
    @org.junit.jupiter.api.Test
    void twoLedgersOnOneDatabaseHaveOneWinnerPerRace() throws Exception {
        String url = url("postgresql");
        int races = 200;
        try (Ledger a = open(url); Ledger b = open(url); ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<NewQuote> quotes = new ArrayList<>();
            for (int i = 0; i < races; i++) quotes.add(quote(id(i)));
            a.insertQuotes(quotes);
            int minted = 0;
            int swapped = 0;
            for (int i = 0; i < races; i++) {
                String q = hex(i);
                int n = i;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> mints = List.of(
                    threads.submit(race(start, () -> a.issue(List.of(q), List.of(new SignatureRow(point("ma", n), 1, "00aa", point("c", n), "mint")), 1))),
                    threads.submit(race(start, () -> b.issue(List.of(q), List.of(new SignatureRow(point("mb", n), 1, "00aa", point("c", n), "mint")), 1))));
                minted += wins(mints);
                SpentRow y = new SpentRow(point("y", n), 1, "00aa");
                CyclicBarrier start2 = new CyclicBarrier(2);
                List<Future<Boolean>> swaps = List.of(
                    threads.submit(race(start2, () -> a.swap(List.of(y), List.of(new SignatureRow(point("sa", n), 1, "00aa", point("c", n), "swap")), 1))),
                    threads.submit(race(start2, () -> b.swap(List.of(y), List.of(new SignatureRow(point("sb", n), 1, "00aa", point("c", n), "swap")), 1))));
                swapped += wins(swaps);
                int signedMint = a.signedAmong(List.of(point("ma", n), point("mb", n))).size();
                int signedSwap = b.signedAmong(List.of(point("sa", n), point("sb", n))).size();
                assertEquals(1, signedMint, "race " + n + ": one mint's signature stored");
                assertEquals(1, signedSwap, "race " + n + ": one swap's signature stored");
            }
            assertEquals(races, minted);
            assertEquals(races, swapped);
        }
    }

    @FunctionalInterface
    interface LedgerCall {
        void run() throws SQLException, LedgerConflict;
    }

    private static Callable<Boolean> race(CyclicBarrier start, LedgerCall call) {
        return () -> {
            start.await();
            try {
                call.run();
                return true;
            } catch (LedgerConflict e) {
                return false;
            }
        };
    }

    private static int wins(List<Future<Boolean>> racers) throws Exception {
        int w = 0;
        for (Future<Boolean> f : racers) if (f.get()) w++;
        assertEquals(1, w, "exactly one of the two wins");
        return w;
    }
}
