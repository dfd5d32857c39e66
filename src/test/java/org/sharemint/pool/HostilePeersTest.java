package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.downstream.Sv2Setup;
import org.sharemint.wire.CloseChannel;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Message;
import org.sharemint.wire.OpenStandardMiningChannel;
import org.sharemint.wire.SubmitSharesError;
import org.sharemint.wire.SubmitSharesSuccess;

/** Issue 17, miner side: hostile peers pay for what they do; the honest miner beside them does not notice. */
class HostilePeersTest {
    @TempDir
    Path dir;

    /** Replies to the honest miner's submits: p50 and p99 of submit-to-reply in ms over {@code duration}. */
    static double[] honestLatencies(Sv2TestClient honest, Sv2TestClient.Channel ch, int[] seq, Duration duration) throws Exception {
        LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();
        honest.onMessage = m -> {
            if (m instanceof SubmitSharesSuccess || m instanceof SubmitSharesError) replies.add(m);
        };
        List<Long> nanos = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Sv2TestClient.Share share = honest.findShare(ch, true);
            long t0 = System.nanoTime();
            honest.submit(share, ++seq[0]);
            Message reply = replies.poll(30, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            if (!(reply instanceof SubmitSharesSuccess)) throw new AssertionError("honest share answered " + reply);
            nanos.add(t1 - t0);
            Thread.sleep(10);
        }
        honest.onMessage = null;
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted.length};
    }

    private static long misbehaviour(PoolFixture pool, String reason) throws Exception {
        return PoolFixture.sample(pool.scrape("/metrics"), "sharemint_peer_misbehaviour_total{reason=\"" + reason + "\"}");
    }

    @Test
    void readingFloodersAreClosedAndTheHonestMinerKeepsItsLatency() throws Exception {
        Map<String, String> o = Map.of("channel.shares-per-minute", "60000", "pool.misbehaviour-delay-ms", "2000");
        try (PoolFixture pool = new PoolFixture(dir, o); Sv2TestClient honest = pool.client(true)) {
            Sv2TestClient.Channel ch = honest.openStandard(PoolFixture.IDENTITY);
            int[] seq = {0};
            double[] base = honestLatencies(honest, ch, seq, Duration.ofSeconds(2));
            double[] flooded;
            long closed;
            try (SubmitFlooder flood = new SubmitFlooder(pool.server.minerAddress(), 10)) {
                waiting().until(() -> flood.connections.get() >= 10);
                flooded = honestLatencies(honest, ch, seq, Duration.ofSeconds(4));
                closed = flood.closedByPool.get();
            }
            System.out.printf("honest miner beside 10 reading flooders: baseline p50 %.2f ms p99 %.2f ms (%d submits); flooded p50 %.2f ms p99 %.2f ms"
                    + " (%d submits); flooder connections closed by the pool: %d%n", base[0], base[1], (long) base[2], flooded[0], flooded[1],
                    (long) flooded[2], closed);
            assertTrue(closed >= 10, "every flooder was closed at least once: " + closed);
            assertTrue(misbehaviour(pool, PeerReasons.INVALID_SUBMITS) >= 10);
            // a flooder's next connections waited instead of costing a set-up and a budget each
            assertTrue(PoolFixture.sample(pool.scrape("/metrics"), "sharemint_penalty_waits_total") >= 10);
            // generous on a loaded 2-core machine: the issue measured 573 ms before the budget
            assertTrue(flooded[1] < 250 + 5 * base[1], "honest p99 beside the flood: " + flooded[1] + " ms, baseline " + base[1] + " ms");
            assertFalse(honest.ended);
            assertEquals(0, honest.all(SubmitSharesError.class, e -> true).size());
        }
    }

    @Test
    void invalidSubmitsWithinTheBudgetKeepTheConnection() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.invalid-shares-burst", "50", "pool.max-invalid-shares-per-s", "1"));
                Sv2TestClient miner = pool.client(true)) {
            Sv2TestClient.Channel ch = miner.openStandard(PoolFixture.IDENTITY);
            for (int i = 1; i <= 40; i++) miner.submit(miner.findShare(ch, false), i);
            miner.awaitMessage(SubmitSharesError.class, e -> e.sequenceNumber() == 40);
            miner.submit(miner.findShare(ch, true), 41);
            miner.awaitMessage(SubmitSharesSuccess.class, x -> x.lastSequenceNumber() == 41);
            assertFalse(miner.ended);
            // past the burst: closed, one count
            try {
                for (int i = 42; i <= 80; i++) miner.submit(miner.findShare(ch, false), i);
            } catch (java.io.IOException e) {
                // the pool closed the connection while the submits were still going out
            }
            miner.awaitClosedByPool();
            assertEquals(1, misbehaviour(pool, PeerReasons.INVALID_SUBMITS));
        }
    }

    @Test
    void channelsPerConnectionAreBounded() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.max-channels-per-connection", "3"));
                Sv2TestClient miner = pool.client(true)) {
            List<Sv2TestClient.Channel> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) open.add(miner.openStandard(PoolFixture.IDENTITY));
            int req = miner.nextRequestId();
            assertEquals("too-many-channels",
                    miner.openError(new OpenStandardMiningChannel(req, PoolFixture.IDENTITY, 0f, Sv2Setup.maxTarget()), req));
            assertEquals(1, misbehaviour(pool, PeerReasons.TOO_MANY_CHANNELS));
            // a closed channel makes room again
            miner.send(new CloseChannel(open.get(0).id, "done"));
            waiting().until(() -> PoolFixture.sample(pool.scrape("/metrics"), "sharemint_channels_open") == 2);
            Sv2TestClient.Channel again = miner.openStandard(PoolFixture.IDENTITY);
            miner.submit(miner.findShare(again, true), 1);
            miner.awaitMessage(SubmitSharesSuccess.class, x -> true);
            // and another connection has its own allowance
            try (Sv2TestClient other = pool.client(true)) {
                other.openStandard(PoolFixture.IDENTITY);
            }
        }
    }

    @Test
    void aStalledFrameIsClosedAndAQuietMinerIsNot() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.frame-timeout-ms", "500"));
                Sv2TestClient quiet = pool.client(true)) {
            Sv2TestClient.Channel ch = quiet.openStandard(PoolFixture.IDENTITY);
            byte[] submit = Codec.toBytes(new org.sharemint.wire.SubmitSharesStandard(ch.id, 1, 1, 1, 1, 1));
            // three header bytes, then nothing; and a whole header with half its payload
            for (byte[] part : List.of(Arrays.copyOf(submit, 3), Arrays.copyOf(submit, 20))) {
                try (Sv2TestClient stalled = pool.client(false)) {
                    long t0 = System.nanoTime();
                    stalled.sendRaw(part);
                    stalled.awaitClosedByPool();
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    assertTrue(ms >= 400, "closed after " + ms + " ms, not before the frame timeout");
                }
            }
            assertEquals(2, misbehaviour(pool, PeerReasons.FRAME_TIMEOUT));
            // the quiet miner sent nothing for many frame timeouts and is still served
            Thread.sleep(2000); // the quiet time itself is what is tested
            assertFalse(quiet.ended);
            quiet.submit(quiet.findShare(ch, true), 1);
            quiet.awaitMessage(SubmitSharesSuccess.class, x -> true);
            // a frame that arrives slowly but within the timeout is fine
            Sv2TestClient.Share share = quiet.findShare(ch, true);
            byte[] whole = Codec.toBytes(new org.sharemint.wire.SubmitSharesStandard(share.channelId(), 2, share.jobId(), share.nonce(),
                    share.ntime(), share.version()));
            quiet.sendRaw(Arrays.copyOf(whole, 10));
            Thread.sleep(200);
            quiet.sendRaw(Arrays.copyOfRange(whole, 10, whole.length));
            quiet.awaitMessage(SubmitSharesSuccess.class, x -> x.lastSequenceNumber() == 2);
            assertEquals(2, misbehaviour(pool, PeerReasons.FRAME_TIMEOUT));
        }
    }

    /** A stalled partial frame on a raw socket: the pool closes it within the frame timeout, not the setup timeout. */
    @Test
    void aStalledFrameBeforeSetupIsClosedToo() throws Exception {
        try (PoolFixture pool = new PoolFixture(dir, Map.of("pool.frame-timeout-ms", "300", "pool.setup-timeout-ms", "60000"));
                Socket s = new Socket()) {
            s.connect(pool.server.minerAddress());
            s.getOutputStream().write(new byte[] {0, 0, 0});
            s.setSoTimeout(30_000);
            long t0 = System.nanoTime();
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 20_000);
        }
    }

    static Map<String, String> with(Map<String, String> a, String k, String v) {
        Map<String, String> m = new HashMap<>(a);
        m.put(k, v);
        return m;
    }
}
