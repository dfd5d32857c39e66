package org.sharemint.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.QuoteResult;

/**
 * {@link EmbeddedMint#createQuotes} for batches of 1, 64 and 1,024 quotes on both ledgers in
 * the same run: {@code db=sqlite} (a file in a temp dir, WAL, synchronous=FULL) and
 * {@code db=postgresql} (a throwaway local server of Debian's postgresql package, fsync on,
 * over loopback TCP, through HikariCP: {@link BenchLedger}, the server the load bench's mode
 * (a-pg) starts too). Scores are quotes per second; one commit per batch.
 * What limits each: batches of 1 are a commit each, so the disk's sync (fsync of the WAL; the
 * same for both databases) and, on PostgreSQL, a few loopback round trips; at 64 and 1,024 the
 * sync is shared and the CPU of binding and inserting rows (and PostgreSQL's parsing of the rows
 * sent over the socket) sets the rate.
 * Without the server binaries the postgresql runs fail at setup (the sqlite ones still run).
 * Run: make bench JMH_ARGS='LedgerDatabaseBench'.
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerDatabaseBench {
    @State(Scope.Benchmark)
    public static class Ledger {
        @Param({"sqlite", "postgresql"})
        public String db;

        BenchLedger ledger;

        @Setup(Level.Trial)
        public void setup() throws Exception {
            ledger = BenchLedger.open(db, (byte) 0x5b);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            ledger.close();
        }

        List<QuoteResult> quotes(int n) {
            return ledger.quotes(n);
        }
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public List<QuoteResult> batch1(Ledger l) {
        return l.quotes(1);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public List<QuoteResult> batch64(Ledger l) {
        return l.quotes(64);
    }

    @Benchmark
    @OperationsPerInvocation(1024)
    public List<QuoteResult> batch1024(Ledger l) {
        return l.quotes(1024);
    }
}
