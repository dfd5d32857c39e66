package org.sharemint.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What limits mode (a) on SQLite and (a-pg) on PostgreSQL, from their maximum phases of the same
 * run: the rate against each other, the pool's one mint worker (how busy it was, how long a
 * createQuotes call and its commit took), the cores, and on PostgreSQL the server's CPU and WAL
 * syncs; and createQuotes alone on both (JMH LedgerDatabaseBench). The verdict is a rule of thumb
 * on those figures: the cores 90% busy or more is CPU; else a mint worker busy 80% or more waits
 * on the database, and the largest part of a call names the limit: the WAL sync (fsync), on
 * PostgreSQL the server's CPU, else the rest (on PostgreSQL the round trips, on SQLite the
 * inserts); else neither is saturated.
 */
final class LedgerLimits {
    private static final double CORES_SATURATED = 0.9;
    private static final double WORKER_SATURATED = 0.8;

    private LedgerLimits() {}

    static List<String> lines(BenchReport r) {
        List<String> lines = new ArrayList<>();
        jmhLine(r).ifPresent(lines::add);
        var a = r.max("a");
        var pg = r.max("a-pg");
        if (pg.isEmpty()) return lines;
        if (a.isPresent() && a.get().acceptedPerSecond() > 0) {
            lines.add(String.format(Locale.ROOT, "(a-pg)/(a) = %,.0f / %,.0f = %.0f%%: the ledger on PostgreSQL against SQLite, the same pool and load",
                    pg.get().acceptedPerSecond(), a.get().acceptedPerSecond(), 100 * pg.get().acceptedPerSecond() / a.get().acceptedPerSecond()));
            lines.add(line("(a) SQLite", a.get(), r.environment().cores(), false));
        }
        lines.add(line("(a-pg) PostgreSQL", pg.get(), r.environment().cores(), true));
        return lines;
    }

    /**
     * createQuotes alone (JMH LedgerDatabaseBench of the same make bench): batches of 1 are a commit
     * each, so the sync (and on PostgreSQL the round trips) sets the rate; at 64 and 1,024 the sync
     * is shared and the CPU of the rows does.
     */
    static java.util.Optional<String> jmhLine(BenchReport r) {
        StringBuilder b = new StringBuilder();
        for (int batch : new int[] {1, 64, 1024}) {
            double sqlite = jmh(r, "LedgerDatabaseBench.batch" + batch + " (db=sqlite)");
            double postgres = jmh(r, "LedgerDatabaseBench.batch" + batch + " (db=postgresql)");
            if (Double.isNaN(sqlite) && Double.isNaN(postgres)) continue;
            b.append(b.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT, "batch %,d: SQLite %,.0f, PostgreSQL %,.0f", batch, sqlite, postgres));
        }
        if (b.isEmpty()) return java.util.Optional.empty();
        return java.util.Optional.of("createQuotes alone, quotes/s (JMH LedgerDatabaseBench, both fsync on): " + b
                + " (batch 1 is a commit each: the sync, on PostgreSQL plus its loopback round trips; at 64 and 1,024 the sync is shared and the CPU of the rows sets the rate)");
    }

    private static double jmh(BenchReport r, String name) {
        for (JmhResults.Row j : r.jmh()) {
            if (j.benchmark().equals(name)) return j.score();
        }
        return Double.NaN;
    }

    static String line(String name, PhaseResult p, int cores, boolean postgres) {
        PoolView v = p.pool();
        double s = p.seconds();
        if (s <= 0 || v.mintCalls() <= 0) return name + ": no mint timings in the pool's /metrics";
        double callMs = 1e3 * v.mintCallSeconds() / v.mintCalls();
        double commitMs = v.commits() > 0 ? 1e3 * v.commitSeconds() / v.commits() : Double.NaN;
        double worker = v.mintCallSeconds() / s;
        double dbCpu = postgres ? v.database(BenchPostgres.CPU) / s : 0;
        double other = Double.isNaN(p.otherCpuSeconds()) ? 0 : p.otherCpuSeconds() / s;
        double busy = (p.poolCpuSeconds() / s + p.generatorCpuSeconds() / s + other) / cores; // other includes the PostgreSQL server
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s: %,.0f quotes/s in %,.0f createQuotes calls/s of %.1f quotes; a call %.2f ms, its commit %s; "
                + "the mint worker busy %.0f%%; cores %.0f%% busy (pool %.0f%%, generator %.0f%%, other %.0f%%%s of %d00%%)",
                name, p.acceptedPerSecond(), v.mintCalls() / s, v.mintBatchMean(), callMs, Double.isNaN(commitMs) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", commitMs),
                100 * worker, 100 * busy, 100 * p.poolCpuSeconds() / s, 100 * p.generatorCpuSeconds() / s, 100 * other,
                postgres && !Double.isNaN(dbCpu) ? String.format(Locale.ROOT, " of which the PostgreSQL server %.0f%%", 100 * dbCpu) : "", cores));
        if (!postgres) {
            b.append("; limited by: ").append(verdict(busy, worker, callMs, commitMs, Double.NaN));
            return b.toString();
        }
        double syncs = v.database(BenchPostgres.WAL_SYNCS);
        double syncSeconds = v.database(BenchPostgres.WAL_SYNC_SECONDS);
        double commits = v.database(BenchPostgres.COMMITS);
        double syncMs = syncs > 0 ? 1e3 * syncSeconds / syncs : Double.NaN;
        double serverMs = 1e3 * dbCpu / (v.mintCalls() / s); // the server's CPU per call (all of it is the ledger's)
        if (syncs > 0) b.append(String.format(Locale.ROOT, "; server: %,.0f commits/s, %,.0f WAL syncs/s of %.2f ms", commits / s, syncs / s, syncMs));
        if (!Double.isNaN(serverMs)) {
            b.append(String.format(Locale.ROOT, "; a call = WAL sync %s + server CPU %.2f ms + the rest %.2f ms (loopback round trips, the driver, waiting for a core)",
                    Double.isNaN(syncMs) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", syncMs), serverMs, callMs - serverMs - (Double.isNaN(syncMs) ? 0 : syncMs)));
        }
        b.append("; limited by: ").append(verdict(busy, worker, callMs, syncMs, serverMs));
        return b.toString();
    }

    /**
     * CPU when the cores are saturated; else, when the mint worker is, the largest part of a call:
     * the sync (fsync), on PostgreSQL the server's CPU, else the rest (round trips; on SQLite the inserts).
     */
    private static String verdict(double cores, double worker, double callMs, double syncMs, double serverMs) {
        if (cores >= CORES_SATURATED) return "CPU (the cores are saturated)";
        if (worker < WORKER_SATURATED) return "neither the cores nor the ledger is saturated (the load offered, or the pool's path between them)";
        double sync = Double.isNaN(syncMs) ? 0 : syncMs;
        boolean postgres = !Double.isNaN(serverMs);
        double server = postgres ? serverMs : 0;
        double rest = callMs - sync - server;
        if (sync >= server && sync >= rest) return String.format(Locale.ROOT, "fsync (the WAL sync, %.2f ms of a %.2f ms call)", sync, callMs);
        if (server >= rest) return String.format(Locale.ROOT, "the PostgreSQL server's CPU (%.2f ms of a %.2f ms call)", server, callMs);
        return postgres ? String.format(Locale.ROOT, "round trips (%.2f ms of a %.2f ms call is neither the sync nor the server's CPU)", rest, callMs)
                : String.format(Locale.ROOT, "the inserts, CPU in the pool (%.2f ms of a %.2f ms call besides the commit)", rest, callMs);
    }
}
