package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportWriterTest {
    static PhaseResult phase(Mode mode, double offered, long accepted, long latencyNanos, long idleNanos) {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) h.record(i < 990 ? idleNanos : latencyNanos);
        return new PhaseResult(mode, 1000, 8, offered, 10, accepted, offered > 0 ? Map.of() : Map.of("stale-share", 3L), h, 5, 2,
                500L << 20, 200L << 20, 0, new PoolView(512, 10, 80, 0.001), 0.5);
    }

    static BenchReport report(List<JmhResults.Row> jmh) {
        Environment env = new Environment("2026-01-01 00:00 UTC", 2, "Test CPU", 8L << 30, "Linux", "25", "abc1234", "0.00 0.00 0.00");
        List<PhaseResult> phases = List.of(
                phase(Mode.full(), 0, 1_200_000, 3_000_000, 1_000_000), // 120,000/s
                phase(Mode.full(), 60_000, 600_000, 2_500_000, 500_000),
                phase(Mode.immediate(), 0, 1_500_000, 1_000_000, 200_000), // 150,000/s: (a) is 80%
                phase(Mode.immediate(), 60_000, 600_000, 1_000_000, 100_000),
                phase(Mode.batched(10), 0, 1_300_000, 4_000_000, 2_000_000));
        IdleResult idle = new IdleResult(10_000, 10_000, 2.5, 4, 100L << 20, (100L << 20) + 10_000L * 8192, 50L << 20, (50L << 20) + 10_000L * 4096, null,
                List.of("1: 10000 655360000 [B"));
        return new BenchReport(env, "sharemint bench", List.of("setup line"), phases, idle, List.of("1 execution samples"), jmh, List.of("a warning"));
    }

    @Test
    void targetsAreJudgedFromTheFigures() {
        List<String[]> t = ReportWriter.targets(report(List.of(new JmhResults.Row("MintBench.blindSignature", "thrpt", 25_000, 100, "ops/s"))));
        assertEquals("met", t.get(0)[2], t.get(0)[1]); // 120,000/s
        assertEquals("met", t.get(1)[2], t.get(1)[1]); // 80% of (b)
        assertEquals("met", t.get(2)[2], t.get(2)[1]); // p99 2.5 ms - 1 ms = 1.5 ms
        assertEquals("met", t.get(3)[2], t.get(3)[1]); // 8 KiB per connection
        assertEquals("met", t.get(4)[2], t.get(4)[1]); // 4,000 set-ups/s
        assertEquals("met", t.get(5)[2], t.get(5)[1]); // 25,000 signatures/s
        // the two-thread rows judge the targets on a 2-core machine; the one-thread figure is shown beside
        List<String[]> two = ReportWriter.targets(report(List.of(new JmhResults.Row("MintBench.blindSignature", "thrpt", 11_000, 100, "ops/s"),
                new JmhResults.Row("MintBench.blindSignatureTwoThreads", "thrpt", 21_000, 100, "ops/s"))));
        assertEquals("met", two.get(5)[2], two.get(5)[1]);
        assertTrue(two.get(5)[1].contains("21,000/s") && two.get(5)[1].contains("one thread 11,000/s"), two.get(5)[1]);
        List<String[]> none = ReportWriter.targets(report(List.of()));
        assertTrue(none.get(5)[2].startsWith("not measured"), none.get(5)[2]);
    }

    @Test
    void theSwapLoadAndTheDleqSigningAreJudgedAndShown() {
        Environment env = new Environment("2026-01-01 00:00 UTC", 2, "Test CPU", 8L << 30, "Linux", "25", "abc1234", "0.00 0.00 0.00");
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 100; i++) h.record(2_000_000);
        SwapLoad.Result swap = new SwapLoad.Result(16, 8, 10, 12_000, 9_600, h, 150, 40, 0, null, false);
        List<JmhResults.Row> jmh = List.of(new JmhResults.Row("DleqBench.signWithDleq (impl=native)", "thrpt", 24_000, 100, "ops/s"),
                new JmhResults.Row("DleqBench.signWithDleq (impl=bouncycastle)", "thrpt", 9_000, 100, "ops/s"));
        BenchReport r = new BenchReport(env, "sharemint bench swap", List.of(), List.of(), null, List.of(), jmh, List.of(), swap);
        List<String[]> t = ReportWriter.targets(r);
        String[] dleq = t.stream().filter(x -> x[0].contains("with DLEQ")).findFirst().orElseThrow();
        assertEquals("met", dleq[2], dleq[1]);
        assertTrue(dleq[1].contains("24,000/s") && dleq[1].contains("BouncyCastle in the same run 9,000/s"), dleq[1]);
        String[] swapTarget = t.stream().filter(x -> x[0].contains("swap outputs")).findFirst().orElseThrow();
        assertEquals("met", swapTarget[2], swapTarget[1]); // 9,600/s
        String md = ReportWriter.markdown(r, "");
        assertTrue(md.contains("## Mint swap endpoint over HTTP") && md.contains("| 9,600 |"), md);
        assertTrue(ReportWriter.text(r).contains("swap over HTTP: 9,600 outputs/s"), ReportWriter.text(r));
    }

    @Test
    void everyPacedRateOfBothModesGetsItsDeferralCostAndTheFirstJudgesTheTarget() {
        Environment env = new Environment("2026-01-01 00:00 UTC", 2, "Test CPU", 8L << 30, "Linux", "25", "abc1234", "0.00 0.00 0.00");
        List<PhaseResult> phases = List.of(
                phase(Mode.full(), 0, 1_200_000, 3_000_000, 1_000_000),
                phase(Mode.full(), 60_000, 600_000, 9_000_000, 9_000_000),  // heavy: p99 9 ms
                phase(Mode.full(), 12_000, 120_000, 2_500_000, 2_500_000),  // light: p99 2.5 ms
                phase(Mode.immediate(), 0, 1_500_000, 1_000_000, 200_000),
                phase(Mode.immediate(), 60_000, 600_000, 1_000_000, 1_000_000),
                phase(Mode.immediate(), 12_000, 120_000, 1_000_000, 1_000_000));
        BenchReport r = new BenchReport(env, "sharemint bench", List.of(), phases, null, List.of(), List.of(), List.of());
        String text = ReportWriter.text(r);
        assertTrue(text.contains("cost of deferring at 60,000/s paced: p99(a) - p99(b) = 9.00 ms - 1.00 ms = 8.00 ms"), text);
        assertTrue(text.contains("cost of deferring at 12,000/s paced: p99(a) - p99(b) = 2.50 ms - 1.00 ms = 1.50 ms"), text);
        String[] row = ReportWriter.targets(r).get(2);
        assertEquals("MISSED", row[2], row[1]); // judged at the heavier rate: neither phase queued there
        assertTrue(row[1].contains("1.50 ms at 12,000/s paced"), row[1]);
        // a heavy phase whose median waited 50 ms is queueing: the lighter pair judges
        List<PhaseResult> queued = new java.util.ArrayList<>(phases);
        queued.set(1, phase(Mode.full(), 60_000, 600_000, 50_000_000, 50_000_000));
        String[] judged = ReportWriter.targets(new BenchReport(env, "sharemint bench", List.of(), queued, null, List.of(), List.of(), List.of())).get(2);
        assertEquals("met", judged[2], judged[1]);
        assertTrue(judged[1].contains("(saturated: queueing, not judged)"), judged[1]);
    }

    @Test
    void markdownHasEveryPartAndKeepsTheHandWrittenSection() {
        String md = ReportWriter.markdown(report(List.of()), "## Notes\nJMH by hand: 42 ops/s\n");
        for (String part : new String[] {"- commit: `abc1234`", "| (a) full (deferred, durable quote) | max | 1,000 | 8 | 120,000 |",
            "(a)/(b) = 120,000 / 150,000 = 80%", "p99(a) - p99(b)", "## Connection scale", "## Targets", "## Pool profile", "a warning",
            "![reply latency CDF of the modes](latency.svg)"}) {
            assertTrue(md.contains(part), part + " in\n" + md);
        }
        assertEquals("## Notes\nJMH by hand: 42 ops/s\n", ReportWriter.handWritten(md));
        String again = ReportWriter.markdown(report(List.of()), ReportWriter.handWritten(md));
        assertEquals(ReportWriter.handWritten(md), ReportWriter.handWritten(again));
        assertNull(ReportWriter.handWritten("no markers here"));
        assertTrue(ReportWriter.markdown(report(List.of()), null).contains("## Notes (hand-written)"));
    }

    @Test
    void textTableAlignsColumnsAndNamesTheRatio() {
        String text = ReportWriter.text(report(List.of()));
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("mode") && lines[0].contains("accepted/s"), lines[0]);
        assertEquals(lines[0].length(), lines[1].length(), "aligned columns");
        assertTrue(text.contains("80% of the immediate-ack limit"), text);
        assertTrue(text.contains("warning: a warning"), text);
    }

    static Calibration.Step step(double perSecond, long p99Nanos) {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) h.record(i < 985 ? 100_000 : p99Nanos);
        return new Calibration.Step(perSecond, 2, 1000, 1000, 0, 0, h, 0.5, 0.3);
    }

    /** With a calibration that held twice the 50% rate, the 50% pair judges the goal, even when it queues. */
    @Test
    void theDeferralGoalIsJudgedAtHalfOfAsMaximumOnceTheGeneratorIsCalibratedThere() {
        Environment env = new Environment("2026-01-01 00:00 UTC", 2, "Test CPU", 8L << 30, "Linux", "25", "abc1234", "0.00 0.00 0.00");
        List<PhaseResult> phases = List.of(
                phase(Mode.full(), 0, 1_200_000, 3_000_000, 1_000_000), // (a) max 120,000/s
                phase(Mode.full(), 90_000, 900_000, 9_000_000, 9_000_000),
                phase(Mode.full(), 60_000, 600_000, 50_000_000, 50_000_000), // 50%: queueing, p99 50 ms
                phase(Mode.full(), 30_000, 300_000, 2_500_000, 2_500_000),
                phase(Mode.immediate(), 0, 1_500_000, 1_000_000, 200_000),
                phase(Mode.immediate(), 90_000, 900_000, 1_000_000, 1_000_000),
                phase(Mode.immediate(), 60_000, 600_000, 1_000_000, 1_000_000),
                phase(Mode.immediate(), 30_000, 300_000, 1_000_000, 1_000_000));
        Map<String, List<String>> profiles = Map.of("(a) full at 60,000/s paced", List.of("42 jdk.CPUTimeSample events", "   50.0%  org.sqlite.core.NativeDB.step"));
        BenchReport held = new BenchReport(env, "sharemint bench", List.of(), phases, null, List.of(), List.of(), List.of(),
                List.of(step(60_000, 300_000), step(120_000, 800_000), step(180_000, 4_000_000)), profiles);
        String[] row = ReportWriter.targets(held).get(2);
        assertEquals("MISSED", row[2], row[1]);
        assertTrue(row[0].contains("at 50%") && row[1].startsWith("49.00 ms at 60,000/s paced (50% of (a))"), row[1]);
        String text = ReportWriter.text(held);
        assertTrue(text.contains("generator calibration: held 120,000/s, FAILED at 180,000/s: paced rows up to 60,000/s measure the pool"), text);
        assertTrue(text.contains("p99 800 us") && text.contains("-> held") && text.contains("-> FAILED"), text);
        // the goal missed: the JFR summary of the 50% phase is shown, in the text and in RESULTS.md
        assertTrue(text.contains("pool profile (JFR) of (a) full at 60,000/s paced") && text.contains("org.sqlite.core.NativeDB.step"), text);
        assertTrue(ReportWriter.markdown(held, null).contains("## Pool profile (JFR CPU samples) of (a) full at 60,000/s paced"));
        // the generator failed at twice the 50% rate: the old rule (heaviest pair that does not queue) judges, and says so
        BenchReport failed = new BenchReport(env, "sharemint bench", List.of(), phases, null, List.of(), List.of(), List.of(),
                List.of(step(60_000, 300_000), step(120_000, 5_000_000)), profiles);
        assertEquals(null, ReportWriter.judgedPair(failed));
        assertTrue(ReportWriter.targets(failed).get(2)[2].contains("indicative: the generator's calibration did not hold"), ReportWriter.targets(failed).get(2)[2]);
        assertTrue(ReportWriter.text(failed).contains("FAILED at 120,000/s: paced rows up to 30,000/s measure the pool"), ReportWriter.text(failed));
        // a goal met hides the profiles
        List<PhaseResult> good = new java.util.ArrayList<>(phases);
        good.set(2, phase(Mode.full(), 60_000, 600_000, 2_500_000, 2_500_000));
        BenchReport met = new BenchReport(env, "sharemint bench", List.of(), good, null, List.of(), List.of(), List.of(),
                List.of(step(60_000, 300_000), step(120_000, 800_000)), profiles);
        assertEquals("met", ReportWriter.targets(met).get(2)[2]);
        assertTrue(!ReportWriter.text(met).contains("NativeDB.step") && ReportWriter.text(met).contains("held 120,000/s, twice the heaviest"), ReportWriter.text(met));
    }

    @Test
    void jmhUnitsConvertToOperationsPerSecond() {
        assertEquals(2000, new JmhResults.Row("x", "thrpt", 2, 0, "ops/ms").opsPerSecond(), 1e-9);
        assertEquals(4000, new JmhResults.Row("x", "avgt", 250, 0, "us/op").opsPerSecond(), 1e-9);
        assertTrue(Double.isNaN(new JmhResults.Row("x", "ss", 1, 0, "furlongs").opsPerSecond()));
    }

    @Test
    void poolViewFromTwoScrapes() {
        Map<String, Double> before = PoolView.parse("# HELP x\nsharemint_mint_batch_size_count 10\nsharemint_mint_batch_size_sum 100\n");
        Map<String, Double> after = PoolView.parse("sharemint_mint_batch_size_count 20\nsharemint_mint_batch_size_sum 1100\nsharemint_mint_queue_depth 7\n"
                + "sharemint_shares_received_total{result=\"accepted\"} 5\n");
        PoolView v = PoolView.between(before, after);
        assertEquals(100, v.mintBatchMean(), 1e-9);
        assertEquals(7, v.mintQueueDepth());
        assertEquals(5.0, after.get("sharemint_shares_received_total{result=\"accepted\"}"));
    }

    @Test
    void plotDrawsOneLinePerSeries() {
        BenchReport r = report(List.of());
        String svg = LatencyPlot.svg("t <&>", List.of(new LatencyPlot.Series("a", r.phases().get(0).latency()), new LatencyPlot.Series("b", r.phases().get(2).latency())));
        assertEquals(2, svg.split("<polyline", -1).length - 1);
        assertTrue(svg.contains("t &lt;&amp;&gt;") && svg.contains("1 ms") && svg.contains("p99.9") && svg.endsWith("</svg>\n"), svg);
    }
}
