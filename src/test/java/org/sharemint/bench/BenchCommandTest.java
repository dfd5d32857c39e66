package org.sharemint.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.CommandRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.CommandRun.Result;
import org.sharemint.Main;
import org.sharemint.config.Config;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.pool.PoolServer;

/** The bench command end to end with a tiny load against a real pool on loopback. */
class BenchCommandTest {
    /** A mint that answers every request at once (the pool's path is what is under test here). */
    static final class InstantIssuer implements QuoteIssuer {
        @Override
        public List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
            List<QuoteResult> out = new ArrayList<>(batch.size());
            for (QuoteRequest r : batch) out.add(new QuoteResult.Quote(UUID.randomUUID().toString(), new byte[8], r.amount()));
            return out;
        }
    }

    @Test
    void tinyLoadAgainstAnInProcessPoolReportsAcceptedShares(@TempDir Path dir) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Bench.commonSettings(false, 5, Bench.randomPublicKeyHex()));
        settings.put("data.dir", dir.resolve("pool").toString());
        settings.put("pool.listen", "127.0.0.1:0");
        settings.put("monitor.listen", "127.0.0.1:0");
        Path results = dir.resolve("RESULTS.md");
        Files.writeString(results, "old\n" + ReportWriter.HAND_BEGIN + "\nkeep me\n" + ReportWriter.HAND_END + "\n");
        Result r;
        try (PoolServer pool = PoolServer.start(Config.of(settings), new InstantIssuer())) {
            r = run("bench", "load", "--target=127.0.0.1:" + pool.minerAddress().getPort(), "--connections=5", "--warmup=0.5", "--duration=1",
                    "--paced-warmup=0.2", "--paced-duration=0.5", "--settle=0", "--results=" + results, "--svg=" + dir.resolve("latency.svg"),
                    "--jmh=" + dir.resolve("none.json"));
        }
        assertEquals(0, r.code(), r.out() + r.err());
        Matcher m = Pattern.compile("\\(x\\) pool at \\S+\\s+max\\s+5\\s+8\\s+([\\d,]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        long perSecond = Long.parseLong(m.group(1).replace(",", ""));
        assertTrue(perSecond > 0, r.out());
        assertTrue(r.out().contains("paced"), r.out());
        // the paced phase ran on the open-loop generator, which the calibration against the echo vouched for first
        Matcher paced = Pattern.compile("\\(x\\) pool at \\S+\\s+[\\d,]+/s paced\\s+5\\s+8\\s+([\\d,]+)").matcher(r.out());
        assertTrue(paced.find(), r.out());
        assertTrue(Long.parseLong(paced.group(1).replace(",", "")) > 0, r.out());
        assertTrue(r.out().contains("generator calibration (the paced generator, 5 connections"), r.out());
        String md = Files.readString(results);
        assertTrue(md.startsWith("# sharemint benchmark results"), md);
        assertTrue(md.endsWith(ReportWriter.HAND_BEGIN + "\nkeep me\n" + ReportWriter.HAND_END + "\n"), md);
        String svg = Files.readString(dir.resolve("latency.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("<polyline"), svg);
    }

    /** The bench's own path: the pool as a child JVM (this classpath), mode (a), then idle Noise connections. */
    @Test
    void tinyRunAgainstAChildPoolMeasuresModeAAndIdleNoiseConnections(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("RESULTS.md");
        Result r = run("bench", "--modes=a", "--connections=5", "--warmup=0.5", "--duration=1", "--paced-duration=0", "--idle-connections=20",
                "--results=" + results, "--svg=" + dir.resolve("latency.svg"), "--jmh=" + dir.resolve("none.json"));
        assertEquals(0, r.code(), r.out() + r.err());
        Matcher m = Pattern.compile("\\(a\\) full \\(deferred, durable quote\\)\\s+max\\s+5\\s+8\\s+([\\d,]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Long.parseLong(m.group(1).replace(",", "")) > 0, r.out());
        assertTrue(r.out().contains("idle Noise connections: 20 of 20"), r.out());
        String md = Files.readString(results);
        assertTrue(md.contains("## Connection scale") && md.contains("pool RSS"), md);
    }

    /** Mode (e): Stratum V1 miners against a child pool's pool.sv1.listen, every submit answered true. */
    @Test
    void tinyRunOfModeEMeasuresSv1Miners(@TempDir Path dir) throws Exception {
        Result r = run("bench", "load", "--modes=e", "--connections=5", "--warmup=0.5", "--duration=1", "--paced-duration=0",
                "--write=false", "--jmh=" + dir.resolve("none.json"));
        assertEquals(0, r.code(), r.out() + r.err());
        Matcher m = Pattern.compile("\\(e\\) full, Stratum V1 miners\\s+max\\s+5\\s+8\\s+([\\d,]+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Long.parseLong(m.group(1).replace(",", "")) > 0, r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("bench", "--conections=5");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("unknown option --conections"), r.err());
    }
}
