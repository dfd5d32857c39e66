package org.sharemint.bench;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.sharemint.process.LocalPostgres;
import org.tinylog.Logger;

/**
 * Mode (a-pg)'s database: a throwaway local PostgreSQL ({@link LocalPostgres}, the one the tests
 * start, here with fsync on so a commit costs what it costs in production) with one empty
 * database for the pool's ledger, and the server's own readings for the phases: its CPU (the
 * postmaster and its backends) and, from its statistics views, commits and WAL syncs (the server
 * publishes those about once a second, so over a phase of a few seconds they lag; CPU does not).
 */
final class BenchPostgres implements AutoCloseable {
    /** The samples {@link #samples} adds to the pool's /metrics, read back by {@link PoolView}. */
    static final String CPU = "bench_db_cpu_seconds";
    static final String COMMITS = "bench_db_commits";
    static final String WAL_SYNCS = "bench_db_wal_syncs";
    static final String WAL_SYNC_SECONDS = "bench_db_wal_sync_seconds";

    private final LocalPostgres server;
    private final String password;
    private final String url;
    private final Connection stats;

    private BenchPostgres(LocalPostgres server, String password, String url, Connection stats) {
        this.server = server;
        this.password = password;
        this.url = url;
        this.stats = stats;
    }

    /** Why the (a-pg) row cannot run on this machine, or null when it can. */
    static String unavailable() {
        return LocalPostgres.binaries().isPresent() ? null : "no PostgreSQL server binaries (" + LocalPostgres.missing() + ")";
    }

    /** initdb, start, a database for the ledger; WAL I/O timing on, so sync time is measured. */
    static BenchPostgres start() throws IOException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        LocalPostgres server = LocalPostgres.start(true, password);
        try {
            String url = server.newDatabase("bench_ledger");
            Connection stats = server.connect("postgres");
            try (Statement s = stats.createStatement()) {
                s.execute("ALTER SYSTEM SET track_wal_io_timing = on");
                s.execute("SELECT pg_reload_conf()");
            }
            Logger.info("(a-pg): PostgreSQL {} on 127.0.0.1:{} (fsync on), ledger {}", server.version(), server.port(), url);
            return new BenchPostgres(server, password, url, stats);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IOException("the bench's PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** mint.db.url of the pool under test (without the password). */
    String url() {
        return url;
    }

    /** The pool's environment: the password, so it shows in no command line or log. */
    Map<String, String> environment() {
        return Map.of("SHAREMINT_DB_PASSWORD", password); // mint.LedgerSettings reads it when mint.db.password is empty
    }

    /** "PostgreSQL 15 (local, fsync on)". */
    String describe() {
        return "PostgreSQL " + server.version() + " (local server, loopback TCP, fsync on)";
    }

    /** The server's counters now; a reading that fails is left out (NaN figures in the report). */
    Map<String, Double> samples() {
        Map<String, Double> m = new HashMap<>();
        try {
            m.put(CPU, ProcFs.treeCpuSeconds(server.pid()));
        } catch (IOException | RuntimeException e) {
            Logger.debug("PostgreSQL CPU unreadable: {}", e.getMessage());
        }
        try (Statement s = stats.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT sum(xact_commit) FROM pg_stat_database")) {
                if (r.next()) m.put(COMMITS, r.getDouble(1));
            }
            // pg_stat_wal's sync columns are PostgreSQL 14 to 17 (18 moved them to pg_stat_io)
            try (ResultSet r = s.executeQuery("SELECT wal_sync, wal_sync_time FROM pg_stat_wal")) {
                if (r.next()) {
                    m.put(WAL_SYNCS, r.getDouble(1));
                    m.put(WAL_SYNC_SECONDS, r.getDouble(2) / 1000);
                }
            }
        } catch (SQLException e) {
            Logger.debug("PostgreSQL statistics unreadable: {}", e.getMessage());
        }
        return m;
    }

    @Override
    public void close() {
        try {
            stats.close();
        } catch (SQLException e) {
            Logger.debug("closing the statistics connection: {}", e.getMessage());
        }
        server.close();
    }
}
