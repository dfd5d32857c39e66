package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.noise.ResponderHandshake;
import org.sharemint.wire.SubmitSharesSuccess;

/** Issue 17 point 5: a flood of Noise Act 1 messages is held to its rate; honest miners still connect; stalled handshakes end. */
class NoiseFloodTest {
    @TempDir
    Path dir;

    @Test
    void act1FloodIsRateBoundAndAnHonestMinerConnects() throws Exception {
        Map<String, String> o = Map.of("pool.noise", "true", "pool.max-handshakes-per-s", "50", "pool.setup-timeout-ms", "5000");
        try (PoolFixture pool = new PoolFixture(dir, o)) {
            byte[] authority = AuthorityKey.parsePublicKey(pool.server.noiseAuthorityKey());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong act2s = new AtomicLong();
            List<Thread> flood = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                flood.add(Thread.ofPlatform().daemon().start(() -> {
                    SecureRandom r = new SecureRandom();
                    byte[] act1 = new byte[ResponderHandshake.ACT1_BYTES];
                    while (!stop.get()) {
                        try (Socket s = new Socket()) {
                            s.connect(pool.server.minerAddress(), 5000);
                            s.setSoTimeout(10_000);
                            r.nextBytes(act1); // any 64 bytes decode as an ElligatorSwift point
                            s.getOutputStream().write(act1);
                            if (s.getInputStream().readNBytes(ResponderHandshake.ACT2_BYTES).length == ResponderHandshake.ACT2_BYTES) {
                                act2s.incrementAndGet();
                            }
                        } catch (Exception e) {
                            // refused or timed out: the flood goes on
                        }
                    }
                }));
            }
            long t0 = System.nanoTime();
            Thread.sleep(500); // the flood is on
            long connect0 = System.nanoTime();
            try (Sv2TestClient honest = Sv2TestClient.connectNoise(pool.server.minerAddress(), authority)) {
                long connectMs = (System.nanoTime() - connect0) / 1_000_000;
                honest.setup();
                honest.requestEhash();
                Sv2TestClient.Channel ch = honest.openStandard(PoolFixture.IDENTITY);
                honest.submit(honest.findShare(ch, true), 1);
                honest.awaitMessage(SubmitSharesSuccess.class, x -> true);
                Thread.sleep(2000);
                stop.set(true);
                for (Thread t : flood) t.join(30_000);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("Act 1 flood (8 peers) for %.1f s at pool.max-handshakes-per-s=50: %d handshakes answered; honest Noise miner connected in %d ms%n",
                        seconds, act2s.get(), connectMs);
                // 50 a second plus the burst (5) and the honest one, with room for the clock's edges
                assertTrue(act2s.get() <= 50 * seconds + 20, act2s.get() + " handshakes in " + seconds + " s");
                assertTrue(act2s.get() >= 10, "the flood was answered at its rate: " + act2s.get());
            }
        }
    }

    @Test
    void stalledHandshakesEndAtTheSetupTimeout() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.noise", "true", "pool.setup-timeout-ms", "700"))) {
            for (int sent : new int[] {0, 10}) {
                try (Socket s = new Socket()) {
                    s.connect(pool.server.minerAddress());
                    s.getOutputStream().write(new byte[sent]);
                    s.setSoTimeout(30_000);
                    long t0 = System.nanoTime();
                    InputStream in = s.getInputStream();
                    assertEquals(-1, in.read(), "closed without an answer");
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertTrue(ms >= 500 && ms < 20_000, "closed after " + ms + " ms");
                }
            }
            Sv2TestClient.waiting().until(() -> PoolFixture.sample(pool.scrape("/metrics"), "sharemint_peer_misbehaviour_total{reason=\"setup-timeout\"}") == 2);
        }
    }
}
