package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What limits (a) and (a-pg), judged from the figures of their maximum phases. */
class LedgerLimitsTest {
    private static final Environment ENV = new Environment("2026-01-01 00:00 UTC", 2, "Test CPU", 8L << 30, "Linux", "25", "abc1234", "0.00 0.00 0.00");

    /** A 10 s maximum phase: {@code calls} createQuotes of {@code callS} each, commits of {@code commitS}; CPU seconds of pool, generator, the rest. */
    private static PhaseResult max(Mode mode, long accepted, double calls, double callS, double commitS, double poolCpu, double genCpu, double other,
            Map<String, Double> database) {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000_000);
        PoolView v = new PoolView(accepted / calls, 0, 0, 0.001, calls, calls * callS, calls, calls * commitS, database);
        return new PhaseResult(mode, 1000, 8, 0, 10, accepted, Map.of(), h, poolCpu, genCpu, 1L << 30, -1, 0, v, other);
    }

    private static List<String> lines(PhaseResult... phases) {
        return LedgerLimits.lines(new BenchReport(ENV, "sharemint bench", List.of(), List.of(phases), null, List.of(), List.of(), List.of()));
    }

    @Test
    void sqliteWaitingOnItsCommitIsFsyncAndPostgresWaitingBesideSyncAndServerIsRoundTrips() {
        // (a): 1,000 calls/s of 1 ms each (the worker always busy), 0.8 ms of it the commit; cores 50% busy
        PhaseResult a = max(Mode.full(), 1_000_000, 10_000, 0.001, 0.0008, 6, 3, 1, Map.of());
        // (a-pg): 500 calls/s of 2 ms; the server's WAL sync 0.3 ms, its CPU 0.4 ms per call, so 1.3 ms is round trips
        PhaseResult pg = max(Mode.fullOnPostgres(), 500_000, 5_000, 0.002, 0.0005, 4, 2, 3,
                Map.of(BenchPostgres.CPU, 2.0, BenchPostgres.COMMITS, 5_000.0, BenchPostgres.WAL_SYNCS, 5_000.0, BenchPostgres.WAL_SYNC_SECONDS, 1.5));
        List<String> l = lines(a, pg);
        assertEquals(3, l.size(), String.join("\n", l));
        assertTrue(l.get(0).startsWith("(a-pg)/(a) = 50,000 / 100,000 = 50%"), l.get(0));
        assertTrue(l.get(1).startsWith("(a) SQLite: 100,000 quotes/s in 1,000 createQuotes calls/s of 100.0 quotes"), l.get(1));
        assertTrue(l.get(1).endsWith("limited by: fsync (the WAL sync, 0.80 ms of a 1.00 ms call)"), l.get(1));
        assertTrue(l.get(2).contains("the PostgreSQL server 20%"), l.get(2));
        assertTrue(l.get(2).contains("server: 500 commits/s, 500 WAL syncs/s of 0.30 ms"), l.get(2));
        assertTrue(l.get(2).endsWith("limited by: round trips (1.30 ms of a 2.00 ms call is neither the sync nor the server's CPU)"), l.get(2));
    }

    @Test
    void saturatedCoresAreCpuAndAnIdleWorkerIsNeither() {
        PhaseResult a = max(Mode.full(), 1_000_000, 10_000, 0.001, 0.0008, 12, 6, 1, Map.of()); // 19 of 20 core-seconds
        PhaseResult pg = max(Mode.fullOnPostgres(), 500_000, 2_000, 0.002, 0.0005, 4, 2, 3, Map.of()); // worker busy 40%
        List<String> l = lines(a, pg);
        assertTrue(l.get(1).endsWith("limited by: CPU (the cores are saturated)"), l.get(1));
        assertTrue(l.get(2).contains("limited by: neither the cores nor the ledger is saturated"), l.get(2));
    }

    @Test
    void theJmhCreateQuotesFiguresOfBothDatabasesAreOneLine() {
        List<JmhResults.Row> jmh = List.of(new JmhResults.Row("LedgerDatabaseBench.batch1 (db=sqlite)", "thrpt", 500, 10, "ops/s"),
                new JmhResults.Row("LedgerDatabaseBench.batch1 (db=postgresql)", "thrpt", 400, 10, "ops/s"),
                new JmhResults.Row("LedgerDatabaseBench.batch64 (db=sqlite)", "thrpt", 30_000, 10, "ops/s"),
                new JmhResults.Row("LedgerDatabaseBench.batch64 (db=postgresql)", "thrpt", 20_000, 10, "ops/s"));
        List<String> l = LedgerLimits.lines(new BenchReport(ENV, "sharemint bench", List.of(), List.of(), null, List.of(), jmh, List.of()));
        assertEquals(1, l.size(), String.join("\n", l));
        assertTrue(l.get(0).startsWith("createQuotes alone, quotes/s (JMH LedgerDatabaseBench, both fsync on): batch 1: SQLite 500, PostgreSQL 400; "
                + "batch 64: SQLite 30,000, PostgreSQL 20,000 ("), l.get(0));
    }

    @Test
    void withoutAnA_pgRowThereIsNoLine() {
        assertEquals(List.of(), lines(max(Mode.full(), 1_000_000, 10_000, 0.001, 0.0008, 6, 3, 1, Map.of())));
    }
}
