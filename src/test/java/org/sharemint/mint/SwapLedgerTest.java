package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.mint.LedgerRecords.SignatureRow;
import org.sharemint.mint.LedgerRecords.SpentRow;

/** Group commit of swaps on an SQLite file: concurrent swaps share commits, and each still gets its own verdict. */
class SwapLedgerTest {
    @TempDir
    Path dir;

    private static String point(String tag, int n) {
        return LedgerOnBothTest.point(tag, n);
    }

    private static SignatureRow signature(String tag, int n) {
        return new SignatureRow(point(tag, n), 1, "00aa", point("c", n), "swap");
    }

    @Test
    void concurrentSwapsShareCommitsAndAllLand() throws Exception {
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + dir.resolve("ledger.db"))) {
            AtomicInteger commits = new AtomicInteger();
            ledger.timeCommits(ns -> commits.incrementAndGet());
            SwapLedger swaps = new SwapLedger(ledger);
            int threads = 32, each = 8;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) {
                    int base = t * each;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int i = base; i < base + each; i++) {
                            swaps.swap(List.of(new SpentRow(point("y", i), 1, "00aa")), List.of(signature("b", 2 * i), signature("b", 2 * i + 1)), 1);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) f.get(120, TimeUnit.SECONDS);
            }
            int n = threads * each;
            List<String> ys = new ArrayList<>(), bs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ys.add(point("y", i));
                bs.add(point("b", 2 * i));
                bs.add(point("b", 2 * i + 1));
            }
            assertEquals(n, ledger.spentAmong(ys).size());
            assertEquals(2 * n, ledger.signedAmong(bs).size());
            // the look-ups go KeyChunks.SIZE keys per query: a short last chunk, and keys not there
            List<String> some = new ArrayList<>(ys.subList(0, 37));
            some.add(point("y", n + 1));
            some.add(point("b", 0)); // a B_, not a Y
            assertEquals(Set.copyOf(ys.subList(0, 37)), ledger.spentAmong(some));
            assertEquals(new SwapLedger.Used(true, false), swaps.used(List.of(point("y", n + 2), point("y", 3)), List.of(point("b", 2 * n + 7))));
            assertEquals(new SwapLedger.Used(false, true), swaps.used(List.of(point("y", n + 2)), List.of(point("b", 2 * n + 7), point("b", 5))));
            // 32 writers against one SQLite writer with a synced commit: some swaps wait, and go in together
            assertTrue(commits.get() < n, commits.get() + " commits for " + n + " swaps");
        }
    }

    @Test
    void racingSwapsOfOneProofGetOneWinnerEachAndTheLosersWriteNothing() throws Exception {
        try (Ledger ledger = Ledger.open("jdbc:sqlite:" + dir.resolve("ledger.db"))) {
            SwapLedger swaps = new SwapLedger(ledger);
            int races = 64;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> a = new ArrayList<>(), b = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int r = 0; r < races; r++) {
                    int n = r;
                    SpentRow shared = new SpentRow(point("y", n), 1, "00aa");
                    a.add(pool.submit(() -> attempt(start, swaps, List.of(shared, new SpentRow(point("ya", n), 1, "00aa")), signature("sa", n))));
                    b.add(pool.submit(() -> attempt(start, swaps, List.of(shared, new SpentRow(point("yb", n), 1, "00aa")), signature("sb", n))));
                }
                start.countDown();
                for (int r = 0; r < races; r++) {
                    boolean aWon = a.get(r).get(120, TimeUnit.SECONDS), bWon = b.get(r).get(120, TimeUnit.SECONDS);
                    assertTrue(aWon ^ bWon, "race " + r + ": exactly one swap of the proof succeeds");
                    String winner = aWon ? "a" : "b", loser = aWon ? "b" : "a";
                    assertEquals(Set.of(point("y" + winner, r)), ledger.spentAmong(List.of(point("ya", r), point("yb", r))),
                            "race " + r + ": the loser's other input stays unspent");
                    assertEquals(Set.of(point("s" + winner, r)), ledger.signedAmong(List.of(point("sa", r), point("sb", r))),
                            "race " + r + ": only the winner's output is signed (not " + loser + "'s)");
                }
            }
        }
    }

    /** True when the swap went in; false when the ledger refused it as a double spend. */
    private static boolean attempt(CountDownLatch start, SwapLedger swaps, List<SpentRow> inputs, SignatureRow output) throws Exception {
        start.await();
        try {
            swaps.swap(inputs, List.of(output), 1);
            return true;
        } catch (LedgerConflict e) {
            assertEquals(LedgerConflict.Kind.PROOF_ALREADY_SPENT, e.kind());
            return false;
        }
    }
}
