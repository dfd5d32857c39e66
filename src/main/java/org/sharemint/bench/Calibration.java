package org.sharemint.bench;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sharemint.wire.Codec;
import org.sharemint.wire.SubmitSharesStandard;
import org.tinylog.Logger;

/**
 * Whether the paced generator, not the pool, could be what a paced row measures: the same
 * generator (same connection count and threads) against an {@link EchoPool} on loopback must
 * hold a rate with p99 under {@link #P99_LIMIT_NANOS}. The bench asks for twice each rate it
 * offers the pool.
 */
public final class Calibration {
    static final long P99_LIMIT_NANOS = 1_000_000;

    /**
     * One calibration step.
     *
     * @param perSecond the rate offered to the echo
     * @param answered replies timed in the measured interval
     * @param offered submits scheduled in it
     * @param generatorCpuSeconds this process's CPU over the measured interval (generator and echo)
     */
    public record Step(double perSecond, double seconds, long answered, long offered, long skipped, long unanswered, LatencyHistogram latency,
            double generatorCpuSeconds, double threadCpuSeconds) {
        public long p99() {
            return latency.quantile(0.99);
        }

        /** Every scheduled submit answered and p99 under the limit. */
        public boolean held() {
            return offered > 0 && skipped == 0 && unanswered == 0 && answered >= 0.98 * offered && p99() < P99_LIMIT_NANOS;
        }

        public String describe() {
            return String.format(Locale.ROOT, "%,.0f/s: p50 %s, p99 %s, p99.9 %s, %,d of %,d answered%s, generator+echo CPU %.0f%% -> %s",
                    perSecond, ReportWriter.micros(latency.quantile(0.5)), ReportWriter.micros(p99()), ReportWriter.micros(latency.quantile(0.999)),
                    answered, offered, skipped > 0 ? String.format(", %,d not sent", skipped) : "",
                    seconds > 0 ? 100 * generatorCpuSeconds / seconds : 0, held() ? "held" : "FAILED");
        }
    }

    private Calibration() {}

    /** Runs the generator at {@code perSecond} over {@code connections} connections to a fresh echo. */
    static Step run(int connections, double perSecond, Duration warmup, Duration measure, long echoStallNanos) throws IOException, InterruptedException {
        int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
        List<SocketChannel> sockets = new ArrayList<>();
        try (EchoPool echo = new EchoPool(threads, echoStallNanos)) {
            List<PacedEndpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                SocketChannel c = SocketChannel.open(echo.address());
                sockets.add(c);
                c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                byte[] template = Codec.toBytes(new SubmitSharesStandard(i + 1, 0, 1, 0, 0, 0x2000_0000));
                int[] nonce = {0};
                endpoints.add(new PacedEndpoint(c, template, () -> nonce[0]++, 0, new byte[0]));
            }
            OpenLoopGenerator g = OpenLoopGenerator.of(endpoints);
            long t0 = System.nanoTime() + 20_000_000L;
            long start = t0 + warmup.toNanos();
            long end = start + measure.toNanos();
            double[] cpu = new double[2];
            Thread meter = Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    LoadRunner.sleepUntil(start);
                    cpu[0] = LoadRunner.generatorCpu();
                    LoadRunner.sleepUntil(end);
                    cpu[1] = LoadRunner.generatorCpu();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            OpenLoopGenerator.Result r = g.run(perSecond, t0, start, end, end + 5_000_000_000L);
            meter.join();
            if (r.failures() > 0) Logger.warn("calibration: {} connections failed; first: {}", r.failures(), r.failure());
            long offered = PacedSchedule.dueBetween(t0, 1e9 / perSecond, start, end);
            return new Step(perSecond, measure.toNanos() / 1e9, r.latency().count(), Math.max(offered, r.offered()), r.skipped(), r.unanswered(), r.latency(),
                    cpu[1] - cpu[0], r.threadCpuSeconds());
        } finally {
            for (SocketChannel c : sockets) c.close();
        }
    }
}
