package org.sharemint.pool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-tree tool for bench/RESULTS.md (issue 17): an honest miner's submit-to-reply latency
 * against a pool process (embedded mint, SQLite), alone and beside reading flooders run from a
 * third process, with the pool's default limits and, in the same run, without the misbehaviour
 * delay and without either (the behaviour before issue 17). Indicative: run it on a quiet machine.
 *
 * <pre>java -cp target/test-classes:target/classes:DEPS org.sharemint.pool.FloodLatency [PEERS [SECONDS]]</pre>
 */
public final class FloodLatency {
    public static void main(String[] args) throws Exception {
        int peers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> lines = new ArrayList<>();
        for (int mode = 0; mode < 3; mode++) {
            Path dir = Files.createTempDirectory("flood-latency");
            List<String> more = new ArrayList<>(List.of("--channel.shares-per-minute=60000"));
            if (mode >= 1) more.add("--pool.misbehaviour-delay-ms=0");
            if (mode == 2) more.addAll(List.of("--pool.max-invalid-shares-per-s=10000000", "--pool.invalid-shares-burst=10000000"));
            try (PoolProcess pool = PoolProcess.start(dir, 0, 0, more.toArray(String[]::new));
                    Sv2TestClient honest = Sv2TestClient.ready(pool.miners, true)) {
                Sv2TestClient.Channel ch = honest.openStandard(PoolFixture.IDENTITY);
                int[] seq = {0};
                HostilePeersTest.honestLatencies(honest, ch, seq, Duration.ofSeconds(2)); // warm-up
                double[] base = HostilePeersTest.honestLatencies(honest, ch, seq, Duration.ofSeconds(seconds));
                ChildProcess flood = ChildProcess.java(SubmitFlooder.class, Integer.toString(pool.miners.getPort()), Integer.toString(peers),
                        Integer.toString(seconds + 4));
                Thread.sleep(1000);
                double[] flooded = HostilePeersTest.honestLatencies(honest, ch, seq, Duration.ofSeconds(seconds));
                flood.process.waitFor();
                String label = switch (mode) {
                    case 0 -> "defaults (invalid budget 20/s burst 200, misbehaviour delay 2 s)";
                    case 1 -> "invalid budget, no misbehaviour delay";
                    default -> "neither (as before issue 17)";
                };
                lines.add(String.format("%s: alone p50 %.2f ms p99 %.2f ms (%d submits); beside %d reading flooders p50 %.2f ms p99 %.2f ms"
                                + " (%d submits), p99 ratio %.1f; %s", label, base[0], base[1], (long) base[2], peers, flooded[0], flooded[1],
                        (long) flooded[2], flooded[1] / base[1], flood.log().strip()));
            }
        }
        lines.forEach(System.out::println);
    }
}
