package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.bitcoin.BlockTemplate;
import org.sharemint.downstream.Sv2Client;
import org.sharemint.downstream.Sv2Setup;
import org.sharemint.jobs.FakeBitcoind;
import org.sharemint.wire.Message;
import org.sharemint.wire.SetNewPrevHash;

/**
 * Indicative figures for real job sources (not part of make test):
 * {@code mvn -o -q test -Dtest=JobsBench -Dsharemint.bench=true}. (1) a template of 3,000
 * transactions into a pool's job: in process (TemplateJobs.toTemplate), and end to end from
 * the node's new block (long poll answered, ~1.3 MB of JSON) to the first SetNewPrevHash a
 * miner reads; (2) a new block to SetNewPrevHash reaching each of 1,000 channels on 4 plaintext
 * connections, p50/p99 over the channels of several rounds.
 */
@EnabledIfSystemProperty(named = "sharemint.bench", matches = "true")
class JobsBench {
    static final int TXS = 3000;
    static final int CHANNELS = 1000;
    static final int CONNECTIONS = 4;
    static final int ROUNDS = 15;

    @TempDir
    Path dir;

    static List<FakeBitcoind.Tx> manyTxs(int n) {
        Random r = new Random(5);
        List<FakeBitcoind.Tx> list = new ArrayList<>();
        for (int i = 0; i < n; i++) list.add(FakeBitcoind.segwitTx(r));
        return list;
    }

    @Test
    void templateOf3000TransactionsToAJob() throws Exception {
        List<FakeBitcoind.Tx> txs = manyTxs(TXS);
        List<BlockTemplate.Tx> tt = txs.stream().map(t -> new BlockTemplate.Tx(t.data(), t.txid(), 4, 4L * t.data().length)).toList();
        TemplateJobs jobs = new TemplateJobs(null, HexFormat.of().parseHex(BitcoindJobsTest.PAYOUT_SCRIPT), "/bench/".getBytes(),
                new PoolMetrics(new org.sharemint.metrics.MetricsRegistry("bench_"), () -> 0));
        long[] inProcess = new long[200];
        byte[] prev = new byte[32];
        for (int i = 0; i < inProcess.length; i++) {
            prev[0] = (byte) i;
            BlockTemplate b = new BlockTemplate(i, 800_000, 0x20000000, prev.clone(), 0x17034219, 1_700_000_000L, 1_700_000_000L,
                    312_500_000L, tt, new byte[38], new byte[0], new byte[0], 0, null, 2, -1, 0, 80_000, 4_000_000);
            long t0 = System.nanoTime();
            jobs.toTemplate(b);
            inProcess[i] = System.nanoTime() - t0;
        }
        System.out.println(line("template of 3000 txs -> Template (in process, after 100 warm-up)", Arrays.copyOfRange(inProcess, 100, 200)));

        try (FakeBitcoind node = new FakeBitcoind(txs);
                PoolFixture pool = new PoolFixture(dir, BitcoindJobsTest.keys(node))) {
            BitcoindJobsTest.awaitTemplate(pool);
            Listener l = new Listener(pool, 1);
            long[] endToEnd = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) endToEnd[i] = l.round(node)[0];
            System.out.println(line("new block (3000-tx template over RPC) -> first SetNewPrevHash read by a miner", endToEnd));
            l.close();
        }
    }

    @Test
    void newBlockToSetNewPrevHashOn1000Channels() throws Exception {
        try (FakeBitcoind node = new FakeBitcoind(FakeBitcoind.defaultTxs());
                PoolFixture pool = new PoolFixture(dir, BitcoindJobsTest.keys(node))) {
            BitcoindJobsTest.awaitTemplate(pool);
            Listener l = new Listener(pool, CHANNELS);
            List<Long> all = new ArrayList<>();
            long[] last = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long[] r = l.round(node);
                for (long v : r) all.add(v);
                last[i] = Arrays.stream(r).max().orElseThrow();
            }
            System.out.println(line("new block -> SetNewPrevHash, per channel of 1000 (" + ROUNDS + " rounds)", all.stream().mapToLong(Long::longValue).toArray()));
            System.out.println(line("new block -> SetNewPrevHash on all 1000 channels (per round)", last));
            l.close();
        }
    }

    /** Miners on plaintext connections that note when each channel reads the SetNewPrevHash for a given tip. */
    static final class Listener {
        final List<Sv2Client> clients = new ArrayList<>();
        final int channels;
        volatile byte[] tip;
        volatile long start;
        volatile long[] arrivals;
        final AtomicLong index = new AtomicLong();
        volatile CountDownLatch done;

        Listener(PoolFixture pool, int channels) throws Exception {
            this.channels = channels;
            int perConnection = Math.max(1, channels / CONNECTIONS);
            int opened = 0;
            int req = 1;
            while (opened < channels) {
                Sv2Client c = Sv2Client.connect(pool.server.minerAddress(), null, Clock.systemUTC(), 0);
                Sv2Setup.setUp(c, 0, "127.0.0.1", 0, "bench", "", "", "");
                Sv2Setup.requestExtensions(c, req++, org.sharemint.wire.Extensions.EHASH);
                for (int i = 0; i < perConnection && opened < channels; i++, opened++) Sv2Setup.openStandard(c, req++, PoolFixture.IDENTITY, 0f);
                clients.add(c);
            }
            for (Sv2Client c : clients) Thread.ofVirtual().start(() -> read(c));
        }

        private void read(Sv2Client c) {
            try {
                while (true) {
                    Message m = c.read();
                    if (m instanceof SetNewPrevHash p && tip != null && Arrays.equals(p.prevHash(), tip)) {
                        long now = System.nanoTime();
                        int i = (int) index.getAndIncrement();
                        if (i < arrivals.length) arrivals[i] = now - start;
                        done.countDown();
                    }
                }
            } catch (Exception e) {
                // closed
            }
        }

        long[] round(FakeBitcoind node) throws Exception {
            arrivals = new long[channels];
            index.set(0);
            done = new CountDownLatch(channels);
            // the tip is known before the node moves, so no early SetNewPrevHash is missed
            byte[] next = new byte[32];
            new Random().nextBytes(next);
            tip = next;
            start = System.nanoTime();
            node.newBlock(next);
            assertTrue(done.await(60, TimeUnit.SECONDS), "every channel got SetNewPrevHash");
            Thread.sleep(200);
            return arrivals.clone();
        }

        void close() throws Exception {
            for (Sv2Client c : clients) c.close();
        }
    }

    static String line(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("%s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms", what, s.length, s[s.length / 2] / 1e6,
                s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)] / 1e6, s[s.length - 1] / 1e6);
    }
}
