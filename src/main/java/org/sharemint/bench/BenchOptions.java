package org.sharemint.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.config.ValueType;

/**
 * The bench's own options ({@code --NAME=VALUE}) and, for every option whose name is a
 * configuration key (it has a dot), a setting passed on to the pool under test.
 *
 * @param what "all" (load then scale), "load" or "scale"
 * @param connections M load connections; for "scale", the idle connection count
 * @param idleConnections N idle Noise connections of the scale phase in "all"
 * @param target an already running pool to load instead of starting one, or null
 * @param authorityKey that pool's Noise authority key (base58check), for --noise with --target
 */
public record BenchOptions(
        String what,
        int connections,
        int window,
        Duration warmup,
        Duration duration,
        Duration pacedWarmup,
        Duration pacedDuration,
        double pacedFraction,
        double lightFraction,
        Duration settle,
        int batchSize,
        int batchWindow,
        int idleConnections,
        int connectConcurrency,
        boolean noise,
        boolean quotes,
        List<String> modes,
        String target,
        String authorityKey,
        Path results,
        Path svg,
        Path jmh,
        boolean write,
        boolean profile,
        Path keepJfr,
        String profileMode,
        String jar,
        List<String> poolJvm,
        Map<String, String> poolSettings,
        int prepareRate,
        List<Double> pacedFractions,
        boolean calibrate,
        int swapClients,
        int swapOutputs) {

    /**
     * The pool JVM options the bench uses unless --pool-jvm says otherwise, and what {@code make
     * run} (the Makefile's POOL_JVM) and the README recommend for a pool with many connections:
     * compact object headers (JDK 25, 8-byte headers: most of an idle connection is small
     * objects), and G1 giving free heap back — after a full GC or concurrent cycle it keeps at
     * most 20% of the heap free (default 70%, which left ~3x the live heap committed, most of
     * the RSS per idle connection), and a periodic collection after a minute without one, so a
     * pool that went quiet after a burst of connections returns that memory too.
     */
    static final String RECOMMENDED_POOL_JVM = "-XX:+UseCompactObjectHeaders -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:G1PeriodicGCInterval=60000";

    private static final Set<String> NAMES = Set.of("connections", "window", "warmup", "duration", "paced-warmup", "paced-duration", "paced-fraction", "light-fraction", "settle",
            "batch-size", "batch-window", "idle-connections", "connect-concurrency", "noise", "quotes", "modes", "target", "authority-key", "results",
            "svg", "jmh", "write", "profile", "profile-mode", "keep-jfr", "jar", "pool-jvm", "prepare-rate", "quick",
            "paced-fractions", "calibrate", "swap-clients", "swap-outputs");

    /** What {@code sharemint bench --help} prints. */
    static String help() {
        return """
                usage: java -jar sharemint.jar bench [all|load|scale|swap] [--OPTION=VALUE ...] [--POOL.KEY=VALUE ...]

                  Load generator. Starts the pool under test as a child JVM (or loads --target=HOST:PORT),
                  runs (a) full deferred replies, (b) share.reply-mode=bench-immediate-ack, (c) full with
                  share.batch-size, (d) full with the mint in its own process over the mint link (plaintext,
                  then Noise as "dn"), a paced phase at a fraction of (a)'s maximum in (a), (b) and (d),
                  then N idle Noise connections; prints a table and writes bench/RESULTS.md and bench/latency.svg.
                  load: only the load phases; scale: only the idle connections (--connections=N there);
                  swap: only the mint's POST /v1/swap over HTTP (a mint process, wallet-side clients; in "all" too).

                options (default):
                  --connections=M          load connections (1000); with "scale", idle connections
                  --window=W               outstanding submits per connection (8)
                  --warmup=S --duration=S  warm-up and measured seconds of each maximum phase (5, 20)
                  --paced-warmup=S --paced-duration=S   the same for the paced phases (2, 10)
                  --paced-fraction=F       paced rate of mode (d) as a fraction of (a)'s maximum (0.5)
                  --paced-fractions=F,...  paced rates of (a) and (b), heaviest first (0.75,0.5,0.25; --quick 0.5); the
                                           deferral cost p99(a) - p99(b) is judged at 0.5
                  --calibrate=false        skip the generator's calibration: after (a)'s maximum, the paced
                                           generator against an in-process echo at twice each rate of
                                           --paced-fractions must hold p99 < 1 ms
                  --light-fraction=F       a second, lighter paced phase in (a) and (b) (0.02; 0 = none):
                                           the deferral cost where the cores are not saturated
                  --settle=S               pause before each paced phase (5), then wait (15 s at most) until
                                           the kernel has written back the maximum phase's ledger writes,
                                           which would slow every commit
                  --batch-size=B           share.batch-size of mode (c) (10)
                  --batch-window=W         window of mode (c), so a batch can fill (2 * batch-size)
                  --idle-connections=N     idle Noise connections of the scale phase (10000); above 20000
                                           they are spread over source addresses 127.0.x.y; both
                                           processes need N file descriptors (ulimit -n)
                  --connect-concurrency=K  connections set up at once (32)
                  --noise                  load over Noise instead of plaintext (false)
                  --quotes=false           do not negotiate the ehash extension (no ShareQuote)
                  --modes=a,a-pg,b,c,d,e   which modes to run ((e): Stratum V1 miners, like (a) otherwise; (a-pg): (a) with
                                           the ledger on a throwaway local PostgreSQL the bench starts, skipped
                                           with one line where the server binaries are missing)
                  --target=HOST:PORT       load a running pool (no RSS, CPU or mode switching)
                  --authority-key=BASE58   that pool's Noise authority key, for --noise with --target
                  --results=FILE --svg=FILE   outputs (bench/RESULTS.md, bench/latency.svg)
                  --jmh=FILE               JMH JSON results to include (target/jmh.json)
                  --write=false            print only, write no files (the default with --quick)
                  --profile                JFR-profile the pool during (a)'s maximum phase
                  --profile-mode=M         profile mode M's maximum phase instead (a, b, c, d or dn; in (d)
                                           the mint process is profiled too)
                  --keep-jfr=FILE          keep that recording (implies --profile) for jfr print / JMC
                  --jar=FILE               the jar to start the pool from (this process's jar or classpath)
                  --pool-jvm="OPTS"        JVM options of the pool process, space-separated; none for the
                                           JVM's defaults (the recommended ones: -XX:+UseCompactObjectHeaders
                                           -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:G1PeriodicGCInterval=60000)
                  --prepare-rate=R         shares/s the maximum phases grind nonces for in advance (400000)
                  --swap-clients=K         virtual threads posting swaps, one request at a time each (16)
                  --swap-outputs=N         blinded messages per swap, 2 proofs in (8; 1, 2, 4 ... 64)
                  --quick                  tiny run: 50 connections, 1.5 s phases, 300 idle connections
                  --POOL.KEY=VALUE         any configuration key, passed to the pool (e.g. --share.mint-timeout-ms=2000)
                """;
    }

    static BenchOptions parse(List<String> words, Map<String, String> options) throws ConfigException {
        String what = words.isEmpty() ? "all" : words.get(0);
        if (!List.of("all", "load", "scale", "swap").contains(what) || words.size() > 1) {
            throw new ConfigException("bench: expected all, load, scale or swap, got " + String.join(" ", words));
        }
        Map<String, String> o = new LinkedHashMap<>();
        Map<String, String> pool = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getKey().contains(".")) {
                pool.put(e.getKey(), e.getValue());
            } else if (NAMES.contains(e.getKey())) {
                o.put(e.getKey(), e.getValue());
            } else {
                throw new ConfigException("bench: unknown option --" + e.getKey() + " (see sharemint bench --help)");
            }
        }
        Config.of(pool); // refuses unknown keys and bad values now rather than in the child
        boolean quick = bool(o, "quick", false);
        int connections = integer(o, "connections", quick ? 50 : what.equals("scale") ? 10_000 : 1000, 1, 1_000_000);
        int batch = integer(o, "batch-size", 10, 1, 65_535);
        String modes = o.getOrDefault("modes", "a,a-pg,b,c,d,e");
        List<String> modeList = new ArrayList<>();
        for (String m : modes.split(",")) {
            String id = m.strip().toLowerCase(Locale.ROOT);
            if (!List.of("a", "a-pg", "b", "c", "d", "e").contains(id)) {
                throw new ConfigException("--modes: expected a comma-separated subset of a,a-pg,b,c,d,e, got \"" + modes + "\"");
            }
            // (d) runs twice: the mint link in plaintext (d), then over Noise (dn)
            for (String one : id.equals("d") ? List.of("d", "dn") : List.of(id)) {
                if (!modeList.contains(one)) modeList.add(one);
            }
        }
        modeList.sort(null); // (a) first: the paced phases run at a fraction of (a)'s maximum; (a-pg) next to it
        String target = o.get("target");
        if (target != null && new ValueType.HostPort().check(target) != null) throw new ConfigException("--target: expected HOST:PORT, got \"" + target + "\"");
        String jvm = o.getOrDefault("pool-jvm", RECOMMENDED_POOL_JVM).strip();
        if (jvm.equals("none")) jvm = "";
        return new BenchOptions(
                what,
                connections,
                integer(o, "window", 8, 1, 1 << 16),
                seconds(o, "warmup", quick ? 0.5 : 5),
                seconds(o, "duration", quick ? 1.5 : 20),
                seconds(o, "paced-warmup", quick ? 0.5 : 2),
                seconds(o, "paced-duration", quick ? 1 : 10),
                decimal(o, "paced-fraction", 0.5),
                "0".equals(o.get("light-fraction")) ? 0 : decimal(o, "light-fraction", 0.02),
                seconds(o, "settle", quick ? 0.5 : 5),
                batch,
                integer(o, "batch-window", 2 * batch, 1, 1 << 16),
                what.equals("scale") ? connections : integer(o, "idle-connections", quick ? 300 : 10_000, 1, 10_000_000),
                integer(o, "connect-concurrency", 32, 1, 10_000),
                bool(o, "noise", false),
                bool(o, "quotes", true),
                List.copyOf(modeList),
                target,
                o.get("authority-key"),
                Path.of(o.getOrDefault("results", "bench/RESULTS.md")),
                Path.of(o.getOrDefault("svg", "bench/latency.svg")),
                Path.of(o.getOrDefault("jmh", "target/jmh.json")),
                bool(o, "write", !quick), // a smoke run keeps the real figures in RESULTS.md
                bool(o, "profile", false) || o.containsKey("keep-jfr"),
                o.containsKey("keep-jfr") ? Path.of(o.get("keep-jfr")) : null,
                profileMode(o),
                o.get("jar"),
                jvm.isEmpty() ? List.of() : List.of(jvm.split("\\s+")),
                Map.copyOf(pool),
                integer(o, "prepare-rate", 400_000, 1, 100_000_000),
                fractions(o, "paced-fractions", quick ? List.of(0.5) : List.of(0.75, 0.5, 0.25)),
                bool(o, "calibrate", true),
                integer(o, "swap-clients", 16, 1, 10_000),
                swapOutputs(o));
    }

    /** A power of two up to 64: the two inputs' 64 units split evenly into outputs of a power-of-two amount. */
    private static int swapOutputs(Map<String, String> o) throws ConfigException {
        int n = integer(o, "swap-outputs", 8, 1, 64);
        if (Integer.bitCount(n) != 1) throw new ConfigException("bench: --swap-outputs must be a power of two from 1 to 64, got " + n);
        return n;
    }

    private static String profileMode(Map<String, String> o) throws ConfigException {
        String m = o.getOrDefault("profile-mode", "a");
        if (!List.of("a", "a-pg", "b", "c", "d", "dn").contains(m)) throw new ConfigException("--profile-mode: expected a, a-pg, b, c, d or dn, got \"" + m + "\"");
        return m;
    }

    boolean runsLoad() {
        return what.equals("all") || what.equals("load");
    }

    boolean runsScale() {
        return what.equals("all") || what.equals("scale");
    }

    /** The swap endpoint's load (SwapLoad): in "all" and "swap", not with --target (it starts its own mint). */
    boolean runsSwap() {
        return (what.equals("all") || what.equals("swap")) && target == null;
    }

    private static int integer(Map<String, String> o, String name, int dflt, int min, int max) throws ConfigException {
        String v = o.get(name);
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v.replace("_", "").replace(",", ""));
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("--" + name + ": expected an integer in [" + min + ", " + max + "], got \"" + v + "\"");
    }

    private static double decimal(Map<String, String> o, String name, double dflt) throws ConfigException {
        String v = o.get(name);
        if (v == null) return dflt;
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && d <= 1) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("--" + name + ": expected a number in (0, 1], got \"" + v + "\"");
    }

    private static List<Double> fractions(Map<String, String> o, String name, List<Double> dflt) throws ConfigException {
        String v = o.get(name);
        if (v == null) return dflt;
        List<Double> f = new ArrayList<>();
        for (String one : v.split(",")) {
            f.add(decimal(Map.of(name, one.strip()), name, 0));
        }
        f.sort(java.util.Comparator.reverseOrder());
        return List.copyOf(f);
    }

    private static Duration seconds(Map<String, String> o, String name, double dflt) throws ConfigException {
        String v = o.get(name);
        double s = dflt;
        if (v != null) {
            try {
                s = Double.parseDouble(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
            } catch (NumberFormatException e) {
                s = -1;
            }
            if (!(s >= 0 && s <= 3600)) throw new ConfigException("--" + name + ": expected seconds in [0, 3600], got \"" + v + "\"");
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static boolean bool(Map<String, String> o, String name, boolean dflt) throws ConfigException {
        String v = o.get(name);
        if (v == null) return dflt;
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        throw new ConfigException("--" + name + ": expected true or false, got \"" + v + "\"");
    }
}
