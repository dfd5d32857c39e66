package org.sharemint.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link BenchReport}: a plain-text table for stdout and the Markdown of bench/RESULTS.md. */
public final class ReportWriter {
    static final String HAND_BEGIN = "<!-- BEGIN HAND-WRITTEN: `sharemint bench` keeps everything between these two markers -->";
    static final String HAND_END = "<!-- END HAND-WRITTEN -->";
    private static final String DEFAULT_HAND = """
            ## Notes (hand-written)

            JMH figures recorded by hand and notes on the results go here; the bench rewrites everything
            above the markers and keeps this section as it is.
            """;

    private static final String[] PHASE_HEADER = {"mode", "load", "conns", "window", "accepted/s", "p50", "p99", "p99.9", "max",
        "errors", "pool CPU/share", "pool RSS", "pool heap", "gen CPU", "other CPU", "mint batch", "mint queue", "pool CPU"};

    private ReportWriter() {}

    /** The stdout summary: the phase table, (a)/(b), the deferral cost, the scale line and the targets. */
    public static String text(BenchReport r) {
        StringBuilder b = new StringBuilder();
        if (!r.phases().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(PHASE_HEADER);
            for (PhaseResult p : r.phases()) rows.add(phaseRow(p));
            b.append(aligned(rows));
        }
        calibrationLines(r).forEach(s -> b.append(s).append('\n'));
        ratio(r).ifPresent(s -> b.append(s).append('\n'));
        sv1Ratio(r).ifPresent(s -> b.append(s).append('\n'));
        LedgerLimits.lines(r).forEach(s -> b.append(s).append('\n'));
        deferralCosts(r).forEach(s -> b.append(s).append('\n'));
        if (!r.phases().isEmpty()) errorLines(r).forEach(s -> b.append(s).append('\n'));
        if (r.swap() != null) b.append(swapLine(r.swap())).append('\n');
        if (r.idle() != null) {
            b.append(idleLine(r.idle())).append('\n');
            if (!r.idle().heapClasses().isEmpty()) b.append("  largest classes in the pool's heap (rank: instances, bytes, class):\n");
            r.idle().heapClasses().stream().limit(8).forEach(c -> b.append("  ").append(c).append('\n'));
        }
        b.append('\n');
        List<String[]> targets = new ArrayList<>();
        targets.add(new String[] {"target", "measured", "status"});
        targets.addAll(targets(r));
        b.append(aligned(targets));
        if (!r.profile().isEmpty()) {
            b.append("\npool profile (JFR):\n");
            r.profile().stream().limit(100).forEach(s -> b.append(s).append('\n'));
        }
        if (deferralGoalMissed(r)) {
            r.pacedProfiles().forEach((what, lines) -> {
                b.append("\npool profile (JFR) of ").append(what).append(", the deferral goal missed:\n");
                lines.stream().limit(40).forEach(s -> b.append(s).append('\n'));
            });
        }
        for (String w : r.warnings()) b.append("warning: ").append(w).append('\n');
        return b.toString();
    }

    /** The whole RESULTS.md, with {@code handWritten} (the text between the markers) kept at the end. */
    public static String markdown(BenchReport r, String handWritten) {
        Environment e = r.environment();
        StringBuilder b = new StringBuilder();
        b.append("# sharemint benchmark results\n\n");
        b.append("Written by `sharemint bench` (`make bench`); everything above the hand-written section is regenerated on each run.\n\n");
        b.append("- date: ").append(e.date()).append('\n');
        b.append("- machine: ").append(e.cores()).append(" cores (").append(e.cpu()).append("), ")
                .append(bytes(e.memoryBytes())).append(" memory, ").append(e.os()).append('\n');
        b.append("- JDK: ").append(e.jdk()).append('\n');
        b.append("- load average (1, 5, 15 min) at the start: ").append(e.loadAverage()).append(", at the end: ").append(Environment.currentLoadAverage())
                .append(" (anything above ~0 besides the bench itself is other work competing for the cores)\n");
        b.append("- commit: `").append(e.commit()).append("`\n");
        b.append("- command: `").append(r.command()).append("`\n");
        for (String s : r.setup()) b.append("- ").append(s).append('\n');
        if (!r.phases().isEmpty()) {
            b.append("\n## Throughput and reply latency\n\n");
            b.append("Latency is from the write of a submit to the SubmitShares.Success or .Error that answers it ");
            b.append("(paced phases: from the moment the submit was due, so a stalled generator is not hidden). ");
            b.append("Pool CPU/share is the pool process's CPU time over the interval divided by accepted shares; gen CPU is the generator's ");
            b.append("(100% = one core) and other CPU what the rest of the machine used meanwhile (other work competing for the cores); mint batch is the mean shares per createQuotes call and mint queue the queue depth at the interval's end, ");
            b.append("both from the pool's /metrics. Pool heap is read after the maximum phases only (jcmd costs CPU).\n\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(PHASE_HEADER);
            for (PhaseResult p : r.phases()) rows.add(phaseRow(p));
            b.append(markdownTable(rows));
            b.append('\n');
            calibrationLines(r).forEach(s -> b.append("- ").append(s).append('\n'));
            ratio(r).ifPresent(s -> b.append("- ").append(s).append('\n'));
            sv1Ratio(r).ifPresent(s -> b.append("- ").append(s).append('\n'));
            LedgerLimits.lines(r).forEach(s -> b.append("- ").append(s).append('\n'));
            deferralCosts(r).forEach(s -> b.append("- ").append(s).append('\n'));
            errorLines(r).forEach(s -> b.append("- ").append(s).append('\n'));
            b.append("\n![reply latency CDF of the modes](latency.svg)\n");
        }
        if (r.idle() != null) {
            IdleResult i = r.idle();
            b.append("\n## Connection scale (idle Noise connections)\n\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"connections", "established", "connect time", "set-ups/s", "pool CPU/set-up", "pool RSS before", "pool RSS after",
                "RSS/connection", "heap/connection"});
            rows.add(new String[] {String.format("%,d", i.requested()), String.format("%,d", i.established()), String.format(Locale.ROOT, "%.1f s", i.connectSeconds()),
                String.format("%,.0f", i.handshakesPerSecond()), String.format(Locale.ROOT, "%.2f ms", i.poolCpuMillisPerConnection()),
                bytes(i.rssBefore()), bytes(i.rssAfter()), bytes((long) i.rssBytesPerConnection()),
                i.heapBytesPerConnection() < 0 ? "n/a" : bytes((long) i.heapBytesPerConnection())});
            b.append(markdownTable(rows));
            if (i.firstFailure() != null) b.append("\nFirst failure: `").append(i.firstFailure()).append("`\n");
            if (!i.heapClasses().isEmpty()) {
                b.append("\nThe pool's largest classes by live bytes with the connections open (jcmd GC.class_histogram: rank, instances, bytes, class):\n\n```\n");
                i.heapClasses().forEach(c -> b.append(c).append('\n'));
                b.append("```\n");
            }
        }
        if (r.swap() != null) {
            SwapLoad.Result w = r.swap();
            b.append("\n## Mint swap endpoint over HTTP\n\n");
            b.append("A `sharemint mint` process with its SQLite ledger; wallet-side clients (HttpURLConnection kept alive, virtual threads, one request at a time each) ");
            b.append(String.format(Locale.ROOT, "POST /v1/swap over loopback with %d proofs in and %d blinded messages out per request, ", SwapLoad.INPUTS, w.outputsPerSwap()));
            b.append("the proofs minted and the bodies written before the timed part. Latency is from send to the whole answer read; ");
            b.append("mint CPU/output is the mint process's CPU time over the interval divided by the outputs signed; ");
            b.append("generator CPU/output the same for the process of the clients, which shares the cores with the mint.\n\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(SWAP_HEADER);
            rows.add(swapRow(w));
            b.append(markdownTable(rows));
        }
        b.append("\n## Targets\n\n");
        List<String[]> targets = new ArrayList<>();
        targets.add(new String[] {"target", "measured", "status"});
        targets.addAll(targets(r));
        b.append(markdownTable(targets));
        if (!r.profile().isEmpty()) {
            b.append("\n## Pool profile (JFR CPU samples during the maximum phase of one mode)\n\n```\n");
            r.profile().forEach(s -> b.append(s).append('\n'));
            b.append("```\n");
        }
        if (deferralGoalMissed(r)) {
            r.pacedProfiles().forEach((what, lines) -> {
                b.append("\n## Pool profile (JFR CPU samples) of ").append(what).append(": the deferral goal was missed\n\n```\n");
                lines.forEach(s -> b.append(s).append('\n'));
                b.append("```\n");
            });
        }
        if (!r.jmh().isEmpty()) {
            b.append("\n## JMH (target/jmh.json of this run)\n\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"benchmark", "mode", "score", "error", "unit"});
            for (JmhResults.Row j : r.jmh()) {
                rows.add(new String[] {j.benchmark(), j.mode(), number(j.score()), "± " + number(j.error()), j.unit()});
            }
            b.append(markdownTable(rows));
        }
        if (!r.warnings().isEmpty()) {
            b.append("\n## Warnings\n\n");
            r.warnings().forEach(w -> b.append("- ").append(w).append('\n'));
        }
        b.append('\n').append(HAND_BEGIN).append('\n');
        b.append(handWritten == null ? DEFAULT_HAND : handWritten);
        b.append(HAND_END).append('\n');
        return b.toString();
    }

    /** The text between the markers of an existing RESULTS.md (newline-terminated), or null when it has none. */
    public static String handWritten(String existing) {
        int from = existing.indexOf(HAND_BEGIN);
        int to = existing.indexOf(HAND_END);
        if (from < 0 || to < from) return null;
        String s = existing.substring(from + HAND_BEGIN.length(), to);
        if (s.startsWith("\n")) s = s.substring(1);
        return s.isEmpty() || s.endsWith("\n") ? s : s + "\n";
    }

    private static String[] phaseRow(PhaseResult p) {
        LatencyHistogram h = p.latency();
        return new String[] {p.mode().label(), p.load(), String.format("%,d", p.connections()), Integer.toString(p.window()),
            String.format("%,.0f", p.acceptedPerSecond()), micros(h.quantile(0.5)), micros(h.quantile(0.99)), micros(h.quantile(0.999)),
            micros(h.max()), String.format("%,d", p.errorCount()), String.format(Locale.ROOT, "%.1f us", p.poolCpuMicrosPerShare()),
            bytes(p.poolRssBytes()), p.poolHeapBytes() < 0 ? "n/a" : bytes(p.poolHeapBytes()),
            String.format(Locale.ROOT, "%.0f%%", p.seconds() > 0 ? 100 * p.generatorCpuSeconds() / p.seconds() : 0),
            Double.isNaN(p.otherCpuSeconds()) ? "-" : String.format(Locale.ROOT, "%.0f%%", p.seconds() > 0 ? 100 * p.otherCpuSeconds() / p.seconds() : 0),
            Double.isNaN(p.pool().mintBatchMean()) ? "-" : String.format(Locale.ROOT, "%.0f", p.pool().mintBatchMean()),
            p.pool().mintQueueDepth() < 0 ? "-" : String.format("%,d", p.pool().mintQueueDepth()),
            String.format(Locale.ROOT, "%.0f%%", p.seconds() > 0 ? 100 * p.poolCpuSeconds() / p.seconds() : 0)};
    }

    private static java.util.Optional<String> ratio(BenchReport r) {
        var a = r.max("a");
        var bb = r.max("b");
        if (a.isEmpty() || bb.isEmpty() || bb.get().acceptedPerSecond() == 0) return java.util.Optional.empty();
        return java.util.Optional.of(String.format(Locale.ROOT, "(a)/(b) = %,.0f / %,.0f = %.0f%% of the immediate-ack limit",
                a.get().acceptedPerSecond(), bb.get().acceptedPerSecond(), 100 * a.get().acceptedPerSecond() / bb.get().acceptedPerSecond()));
    }

    /** (e) beside (a) in the same run: Stratum V1 miners against SV2 ones on the same share path. */
    private static java.util.Optional<String> sv1Ratio(BenchReport r) {
        var a = r.max("a");
        var e = r.max("e");
        if (a.isEmpty() || e.isEmpty() || a.get().acceptedPerSecond() == 0) return java.util.Optional.empty();
        return java.util.Optional.of(String.format(Locale.ROOT, "(e)/(a) = %,.0f / %,.0f = %.0f%%: Stratum V1 miners against SV2 ones; p99 %s against %s",
                e.get().acceptedPerSecond(), a.get().acceptedPerSecond(), 100 * e.get().acceptedPerSecond() / a.get().acceptedPerSecond(),
                micros(e.get().latency().quantile(0.99)), micros(a.get().latency().quantile(0.99))));
    }

    /** One line per paced rate that ran in both (a) and (b). */
    private static List<String> deferralCosts(BenchReport r) {
        List<String> lines = new ArrayList<>();
        for (PhaseResult[] pair : pacedPairs(r)) {
            long pa = pair[0].latency().quantile(0.99), pb = pair[1].latency().quantile(0.99);
            lines.add(String.format(Locale.ROOT, "cost of deferring at %s: p99(a) - p99(b) = %s - %s = %s",
                    pair[0].load(), micros(pa), micros(pb), micros(pa - pb)));
        }
        return lines;
    }

    /** A paced phase that could not keep up: it fell behind its rate, or its median reply waited in a queue (over 20 ms). */
    static boolean saturated(PhaseResult p) {
        return p.acceptedPerSecond() < 0.98 * p.offeredPerSecond() || p.latency().quantile(0.5) > SATURATED_MEDIAN_NANOS;
    }

    private static final long SATURATED_MEDIAN_NANOS = 20_000_000;

    /** (a)'s and (b)'s paced phases at the same offered rate, heaviest first. */
    private static List<PhaseResult[]> pacedPairs(BenchReport r) {
        List<PhaseResult[]> pairs = new ArrayList<>();
        for (PhaseResult a : r.pacedPhases("a")) {
            r.pacedPhases("b").stream().filter(b -> b.offeredPerSecond() == a.offeredPerSecond()).findFirst()
                    .ifPresent(b -> pairs.add(new PhaseResult[] {a, b}));
        }
        return pairs;
    }

    private static List<String> errorLines(BenchReport r) {
        List<String> lines = new ArrayList<>();
        for (PhaseResult p : r.phases()) {
            if (!p.errors().isEmpty()) lines.add("errors in " + p.mode().label() + " " + p.load() + ": " + p.errors());
            if (p.targetChanges() > 0) lines.add(p.mode().label() + " " + p.load() + ": " + p.targetChanges() + " SetTarget received");
        }
        return lines;
    }

    private static final String[] SWAP_HEADER = {"clients", "interval", "swaps/s", "outputs/s", "p50", "p99", "max", "mint CPU/output", "errors", "generator CPU/output"};

    private static String[] swapRow(SwapLoad.Result w) {
        return new String[] {String.valueOf(w.clients()), String.format(Locale.ROOT, "%.1f s%s", w.seconds(), w.ranOut() ? " (ran out)" : ""),
            String.format(Locale.ROOT, "%,.0f", w.swaps() / w.seconds()), String.format(Locale.ROOT, "%,.0f", w.outputsPerSecond()),
            micros(w.latency().quantile(0.50)), micros(w.latency().quantile(0.99)), micros(w.latency().max()),
            String.format(Locale.ROOT, "%.1f us", w.mintCpuMicrosPerOutput()), String.format("%,d", w.errors()),
            String.format(Locale.ROOT, "%.1f us", w.generatorCpuMicrosPerOutput())};
    }

    private static String swapLine(SwapLoad.Result w) {
        return String.format(Locale.ROOT, "swap over HTTP: %,.0f outputs/s (%,.0f swaps/s of %d in, %d out; %d clients), p50 %s, p99 %s, mint CPU %.1f us/output, %d errors, generator CPU %.1f us/output",
                w.outputsPerSecond(), w.swaps() / w.seconds(), SwapLoad.INPUTS, w.outputsPerSwap(), w.clients(), micros(w.latency().quantile(0.50)),
                micros(w.latency().quantile(0.99)), w.mintCpuMicrosPerOutput(), w.errors(), w.generatorCpuMicrosPerOutput());
    }

    private static String idleLine(IdleResult i) {
        return String.format(Locale.ROOT, "idle Noise connections: %,d of %,d in %.1f s (%,.0f set-ups/s, pool CPU %.2f ms each); pool RSS %s -> %s = %s per connection, heap %s per connection",
                i.established(), i.requested(), i.connectSeconds(), i.handshakesPerSecond(), i.poolCpuMillisPerConnection(), bytes(i.rssBefore()),
                bytes(i.rssAfter()), bytes((long) i.rssBytesPerConnection()),
                i.heapBytesPerConnection() < 0 ? "n/a" : bytes((long) i.heapBytesPerConnection()));
    }

    static List<String[]> targets(BenchReport r) {
        List<String[]> t = new ArrayList<>();
        var a = r.max("a");
        var bb = r.max("b");
        t.add(a.map(p -> row(">= 100,000 shares/s end-to-end, 1,000 connections, 2 cores",
                        String.format("%,.0f/s with %,d connections, %d cores", p.acceptedPerSecond(), p.connections(), r.environment().cores()),
                        p.connections() < 1000 || r.environment().cores() != 2 ? "not comparable" : status(p.acceptedPerSecond() >= 100_000)))
                .orElse(row(">= 100,000 shares/s end-to-end", "-", "not measured")));
        if (a.isPresent() && bb.isPresent() && bb.get().acceptedPerSecond() > 0) {
            double pct = 100 * a.get().acceptedPerSecond() / bb.get().acceptedPerSecond();
            t.add(row("(a) >= 60% of immediate ack (b)", String.format(Locale.ROOT, "%.0f%%", pct), status(pct >= 60)));
        } else {
            t.add(row("(a) >= 60% of immediate ack (b)", "-", "not measured"));
        }
        List<PhaseResult[]> pairs = pacedPairs(r);
        PhaseResult[] judged = judgedPair(r);
        if (judged != null) {
            long cost = judged[0].latency().quantile(0.99) - judged[1].latency().quantile(0.99);
            StringBuilder measured = new StringBuilder(micros(cost) + " at " + judged[0].load() + " (" + Math.round(100 * judgedFraction(r, judged[0])) + "% of (a))");
            for (PhaseResult[] p : pairs) {
                if (p != judged) measured.append("; ").append(micros(p[0].latency().quantile(0.99) - p[1].latency().quantile(0.99))).append(" at ").append(p[0].load());
            }
            t.add(row("p99 deferral cost <= 2 ms at 50% of (a)'s maximum", measured.toString(), status(cost <= 2_000_000)));
        } else if (!pairs.isEmpty()) {
            // judged at the heaviest rate where neither mode queues: a saturated phase measures its backlog, not the deferral
            StringBuilder measured = new StringBuilder();
            String status = null;
            for (PhaseResult[] p : pairs) {
                long cost = p[0].latency().quantile(0.99) - p[1].latency().quantile(0.99);
                boolean saturated = saturated(p[0]) || saturated(p[1]);
                if (measured.length() > 0) measured.append("; ");
                measured.append(micros(cost)).append(" at ").append(p[0].load()).append(saturated ? " (saturated: queueing, not judged)" : "");
                if (!saturated && status == null) status = status(cost <= 2_000_000);
            }
            t.add(row("p99 deferral cost <= 2 ms", measured.toString(), status == null ? "not measurable: every paced rate saturated"
                    : r.calibration().isEmpty() ? status : status + " (indicative: the generator's calibration did not hold twice the 50% rate)"));
        } else {
            t.add(row("p99 deferral cost <= 2 ms", "-", "not measured"));
        }
        if (r.idle() != null && r.idle().established() > 0) {
            IdleResult i = r.idle();
            t.add(row("<= 10 KiB per idle Noise connection", bytes((long) i.rssBytesPerConnection()) + " RSS, "
                    + (i.heapBytesPerConnection() < 0 ? "heap n/a" : bytes((long) i.heapBytesPerConnection()) + " heap"), status(i.rssBytesPerConnection() <= 10 * 1024)));
            double poolCapacity = i.poolCpuMillisPerConnection() > 0 ? r.environment().cores() * 1000 / i.poolCpuMillisPerConnection() : 0;
            JmhResults.Row hs = jmh(r, "noisebench.handshake");
            JmhResults.Row pool = jmhExactly(r, "noisebench.responderhandshaketwothreads");
            double poolSide = pool == null ? 0 : pool.opsPerSecond();
            t.add(row(">= 3,000 handshakes/s", String.format(Locale.ROOT, "%,.0f/s set-ups measured (generator on the same cores); pool CPU allows %,.0f/s on %d cores%s%s",
                    i.handshakesPerSecond(), poolCapacity, r.environment().cores(),
                    pool == null ? "" : String.format(Locale.ROOT, "; JMH pool side %,.0f/s (responder, 2 threads)", pool.opsPerSecond()),
                    hs == null ? "" : String.format(Locale.ROOT, "; JMH %s %,.0f/s (both sides, one thread)", hs.benchmark(), hs.opsPerSecond())),
                    i.handshakesPerSecond() >= 3000 ? "met"
                        : poolSide >= 3000 || poolCapacity >= 3000 ? "met on pool CPU (not end to end)" : "MISSED"));
        } else {
            t.add(row("<= 10 KiB per idle Noise connection", "-", "not measured"));
            t.add(row(">= 3,000 handshakes/s", "-", "not measured"));
        }
        JmhResults.Row one = jmhExactly(r, "mintbench.blindsignature");
        JmhResults.Row two = jmhExactly(r, "mintbench.blindsignaturetwothreads");
        JmhResults.Row sign = two != null ? two : one;
        t.add(sign == null ? row(">= 20,000 blind signatures/s", "-", "not measured (MintBench in make bench's JMH part)")
                : row(">= 20,000 blind signatures/s", String.format(Locale.ROOT, "%,.0f/s (JMH %s, %s)%s", sign.opsPerSecond(), sign.benchmark(),
                        sign == two ? "2 threads on 2 cores" : "one thread",
                        sign == two && one != null ? String.format(Locale.ROOT, "; one thread %,.0f/s", one.opsPerSecond()) : ""),
                        status(sign.opsPerSecond() >= 20_000)));
        remoteMintTargets(r, t);
        JmhResults.Row dleq = jmhExactly(r, "dleqbench.signwithdleq (impl=native)");
        JmhResults.Row dleqBc = jmhExactly(r, "dleqbench.signwithdleq (impl=bouncycastle)");
        t.add(dleq == null ? row(">= 20,000 signatures/s with DLEQ", "-", "not measured (DleqBench in make bench's JMH part)")
                : row(">= 20,000 signatures/s with DLEQ", String.format(Locale.ROOT, "%,.0f/s (JMH DleqBench.signWithDleq, libsecp256k1, 2 threads on 2 cores)%s", dleq.opsPerSecond(),
                        dleqBc == null ? "" : String.format(Locale.ROOT, "; BouncyCastle in the same run %,.0f/s", dleqBc.opsPerSecond())),
                        status(dleq.opsPerSecond() >= 20_000)));
        t.add(r.swap() == null ? row(">= 8,000 swap outputs/s over HTTP", "-", "not measured")
                : row(">= 8,000 swap outputs/s over HTTP", String.format(Locale.ROOT, "%,.0f/s (%d clients, real ledger, mint CPU %.1f us/output)", r.swap().outputsPerSecond(),
                        r.swap().clients(), r.swap().mintCpuMicrosPerOutput()), status(r.swap().outputsPerSecond() >= 8_000)));
        return t;
    }

    /** Issue 13's goals for mode (d): its rate against (a)'s, its light-rate p99 against (a)'s, from the same run. */
    private static void remoteMintTargets(BenchReport r, List<String[]> t) {
        var a = r.max("a");
        var d = r.max("d");
        if (a.isEmpty() || d.isEmpty() || a.get().acceptedPerSecond() <= 0) return;
        double pct = 100 * d.get().acceptedPerSecond() / a.get().acceptedPerSecond();
        t.add(row("(d) mint over the link >= 80% of (a)", String.format(Locale.ROOT, "%,.0f / %,.0f = %.0f%%", d.get().acceptedPerSecond(),
                a.get().acceptedPerSecond(), pct), status(pct >= 80)));
        List<PhaseResult> pa = r.pacedPhases("a"), pd = r.pacedPhases("d");
        if (pa.isEmpty() || pd.isEmpty()) return;
        PhaseResult la = pa.get(pa.size() - 1), ld = pd.get(pd.size() - 1); // the lightest runs last
        if (la.offeredPerSecond() != ld.offeredPerSecond()) return;
        long diff = ld.latency().quantile(0.99) - la.latency().quantile(0.99);
        t.add(row("(d) p99 at the light paced rate within 1 ms of (a)", String.format(Locale.ROOT, "%s - %s = %s at %s",
                micros(ld.latency().quantile(0.99)), micros(la.latency().quantile(0.99)), micros(diff), la.load()), status(diff <= 1_000_000)));
    }

    /**
     * The pair (a), (b) at 50% of (a)'s maximum, judged even when it queues, once the calibration
     * showed the generator holds twice that rate (then the queue is the pool's); else null.
     */
    static PhaseResult[] judgedPair(BenchReport r) {
        for (PhaseResult[] p : pacedPairs(r)) {
            if (Math.abs(judgedFraction(r, p[0]) - Bench.PROFILED_FRACTION) > 0.01) continue;
            boolean calibrated = r.calibration().stream().anyMatch(s -> s.held() && s.perSecond() >= 2 * p[0].offeredPerSecond() * 0.999);
            return calibrated ? p : null;
        }
        return null;
    }

    private static double judgedFraction(BenchReport r, PhaseResult p) {
        return r.max("a").map(a -> a.acceptedPerSecond() > 0 ? p.offeredPerSecond() / a.acceptedPerSecond() : 0).orElse(0.0);
    }

    /** Whether the deferral target came out MISSED (or could not be judged): then the paced profiles are shown. */
    static boolean deferralGoalMissed(BenchReport r) {
        if (r.pacedProfiles().isEmpty()) return false;
        for (String[] row : targets(r)) {
            if (row[0].startsWith("p99 deferral cost")) return !row[2].equals("met");
        }
        return true;
    }

    /** The calibration steps and a plain verdict on which paced rows the generator can be trusted for. */
    static List<String> calibrationLines(BenchReport r) {
        List<String> lines = new ArrayList<>();
        if (r.calibration().isEmpty()) return lines;
        int conns = r.phases().isEmpty() ? 0 : r.phases().get(0).connections();
        for (Calibration.Step s : r.calibration()) {
            lines.add(String.format(Locale.ROOT, "generator calibration (the paced generator, %,d connections, against an in-process SV2 echo on loopback; needs p99 < 1 ms) at %s",
                    conns, s.describe()));
        }
        double held = r.calibration().stream().filter(Calibration.Step::held).mapToDouble(Calibration.Step::perSecond).max().orElse(0);
        Calibration.Step last = r.calibration().get(r.calibration().size() - 1);
        if (held == 0) {
            lines.add(String.format(Locale.ROOT, "generator calibration FAILED at %,.0f/s: every paced row may measure the generator, not the pool", last.perSecond()));
        } else if (!last.held()) {
            lines.add(String.format(Locale.ROOT, "generator calibration: held %,.0f/s, FAILED at %,.0f/s: paced rows up to %,.0f/s measure the pool; above, they may measure the generator",
                    held, last.perSecond(), held / 2));
        } else {
            lines.add(String.format(Locale.ROOT, "generator calibration: held %,.0f/s, twice the heaviest paced rate: the paced rows measure the pool", held));
        }
        return lines;
    }

    /** The JMH row whose lower-cased name starts with {@code prefix} and has the best ops/s, or null. */
    private static JmhResults.Row jmhExactly(BenchReport r, String name) {
        for (JmhResults.Row j : r.jmh()) {
            if (j.benchmark().equalsIgnoreCase(name) && !Double.isNaN(j.opsPerSecond())) return j;
        }
        return null;
    }

    private static JmhResults.Row jmh(BenchReport r, String prefix) {
        JmhResults.Row best = null;
        for (JmhResults.Row j : r.jmh()) {
            if (j.benchmark().toLowerCase(Locale.ROOT).startsWith(prefix) && !Double.isNaN(j.opsPerSecond())) {
                if (best == null || j.opsPerSecond() > best.opsPerSecond()) best = j;
            }
        }
        return best;
    }

    private static String[] row(String target, String measured, String status) {
        return new String[] {target, measured, status};
    }

    private static String status(boolean met) {
        return met ? "met" : "MISSED";
    }

    static String micros(long nanos) {
        if (Math.abs(nanos) < 10_000) return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        if (Math.abs(nanos) < 1_000_000) return String.format(Locale.ROOT, "%.0f us", nanos / 1e3);
        if (Math.abs(nanos) < 100_000_000) return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    static String bytes(long n) {
        if (n < 0) return "-" + bytes(-n);
        if (n < 10 * 1024) return String.format(Locale.ROOT, "%d B", n);
        if (n < 10L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 10L * 1024 * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
        return String.format(Locale.ROOT, "%.1f GiB", n / 1073741824.0);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) return "-";
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String aligned(List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                b.append(i == 0 ? "" : "  ");
                b.append(i == 0 ? String.format("%-" + w[i] + "s", r[i]) : String.format("%" + w[i] + "s", r[i]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String markdownTable(List<String[]> rows) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            b.append('|');
            for (String c : rows.get(k)) b.append(' ').append(c.replace("|", "\\|")).append(" |");
            b.append('\n');
            if (k == 0) {
                b.append('|');
                for (int i = 0; i < rows.get(0).length; i++) b.append(i == 0 ? "---|" : "--:|");
                b.append('\n');
            }
        }
        return b.toString();
    }
}
