package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sharemint.mint.PostgresExtension;

/** Mode (a-pg)'s database: the server the bench starts and reads, and the one line where it cannot. */
@ExtendWith(PostgresExtension.class)
class BenchPostgresTest {
    @Test
    void theServerTakesTheLedgersPasswordFromTheEnvironmentAndCountsItsCommitsSyncsAndCpu() throws Exception {
        PostgresExtension.server(getClass()); // skipped (or failed under CI) without the binaries
        try (BenchPostgres pg = BenchPostgres.start()) {
            String password = pg.environment().get("SHAREMINT_DB_PASSWORD");
            assertFalse(pg.url().contains(password), pg.url());
            Map<String, Double> before = pg.samples();
            Properties p = new Properties();
            p.setProperty("password", password);
            try (Connection c = DriverManager.getConnection(pg.url(), p); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (n int)");
                for (int i = 0; i < 20; i++) s.execute("INSERT INTO t VALUES (" + i + ")"); // auto-commit: 20 synced commits
            }
            Map<String, Double> after = pg.samples();
            // the postmaster and its backends have used CPU since the start (read through /proc)
            assertTrue(after.get(BenchPostgres.CPU) > 0, after.toString());
            // pg_stat_database lags (a backend reports at most once a second), but the set-up's commits are in
            assertTrue(after.get(BenchPostgres.COMMITS) > 0, after.toString());
            assertTrue(after.get(BenchPostgres.WAL_SYNCS) >= before.get(BenchPostgres.WAL_SYNCS) + 20, before + " -> " + after);
            assertTrue(after.get(BenchPostgres.WAL_SYNC_SECONDS) > before.get(BenchPostgres.WAL_SYNC_SECONDS), before + " -> " + after);
        }
    }

    @Test
    void withoutTheServerBinariesTheRowIsSkippedWithOneLine() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "org.sharemint.Main", "bench", "load",
                "--modes=a-pg", "--write=false", "--jmh=" + Path.of("target", "no-such-jmh.json")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SHAREMINT_POSTGRESQL_ROOT", "/nonexistent-postgresql");
        Process child = pb.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, child.exitValue(), out);
        List<String> skipped = out.lines().filter(l -> l.contains("SKIPPED")).toList();
        assertEquals(List.of("(a-pg) full, ledger on PostgreSQL SKIPPED: no PostgreSQL server binaries (no initdb/pg_ctl under /nonexistent-postgresql/*/bin;"
                + " apt-get install postgresql)"), skipped, out);
    }
}
