package org.sharemint.bench;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sharemint.metrics.Counter;
import org.sharemint.metrics.Histogram;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.monitor.ShareStats;
import org.sharemint.monitor.WorkerStats;

/**
 * What the monitor adds to one share's path: the pool's and its worker's figures when the share
 * is taken (hashrate slots) and when it is acknowledged (counts, ecash, latency bucket). Every
 * thread of a trial shares the pool's figures; {@code sameWorker} makes them all write one
 * worker (the worst case: one miner's many channels), otherwise each thread has its own.
 * {@code metricsBaseline} is the yardstick of the same run: what the Prometheus series already
 * cost a share. Run: make bench JMH_ARGS='MonitorBench -f 1 -t 2'.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class MonitorBench {
    private ShareStats stats;
    private WorkerStats shared;
    private Counter counter;
    private Histogram histogram;

    @State(Scope.Thread)
    public static class Own {
        WorkerStats worker;

        @Setup
        public void setup(MonitorBench b) {
            worker = b.stats.workers().worker("02" + "ab".repeat(32), "rig-" + Thread.currentThread().threadId());
        }
    }

    @Setup
    public void setup() {
        stats = new ShareStats(Clock.systemUTC(), 10_000);
        shared = stats.workers().worker("02" + "cd".repeat(32), "shared");
        MetricsRegistry r = new MetricsRegistry("bench_");
        counter = r.counter("shares_total", "shares");
        histogram = r.histogram("latency_seconds", "latency", Histogram.latencyBoundsNanos(), 1e-9);
    }

    /** The same-run yardstick: what /metrics already costs a share (a counter and a latency histogram). */
    @Benchmark
    public void metricsBaseline() {
        counter.inc();
        histogram.observe(2_000_000);
    }

    @Benchmark
    public void ownWorker(Own own) {
        share(own.worker);
    }

    @Benchmark
    public void sameWorker() {
        share(shared);
    }

    private void share(WorkerStats w) {
        stats.valid(0.5);
        w.valid(0.5);
        stats.answered(2_000_000);
        w.accepted(true, 1024);
    }
}
