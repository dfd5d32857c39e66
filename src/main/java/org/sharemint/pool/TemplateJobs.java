package org.sharemint.pool;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.BlockTemplate;
import org.sharemint.bitcoin.Blocks;
import org.sharemint.bitcoin.Coinbase;
import org.sharemint.bitcoin.Targets;
import org.sharemint.jobs.TemplateSource;
import org.sharemint.metrics.LabeledCounter;
import org.sharemint.monitor.BlockLog;
import org.tinylog.Logger;

/**
 * Jobs from a real node (jobs.source=bitcoind or template-provider): a virtual thread waits on
 * the {@link TemplateSource}, builds the pool's coinbase for each template (payout to
 * pool.payout-address, the pool tag, the extranonce space), turns it into a {@link Template}
 * and sends it to every channel: with SetNewPrevHash when the prev hash changed, else as a job
 * active at once. A share meeting the network target becomes a block handed to the source at
 * once, on its own virtual thread, while the share goes on to the mint as usual.
 */
final class TemplateJobs implements JobSource, AutoCloseable {
    static final List<String> SUBMIT_RESULTS = List.of("accepted", "sent", "rejected", "error");

    private final TemplateSource source;
    private final byte[] payoutScript;
    private final byte[] tag;
    private final LabeledCounter submitted;
    private final BlockLog blockLog;
    private volatile Template current;
    private volatile PoolContext ctx;
    private Thread feed;
    private int nextJobId = 1;
    private long epoch = -1;
    private byte[] prevHash;
    /** The epoch the node already accepted a block for: later blocks on it would only compete with ours. */
    private final AtomicLong acceptedEpoch = new AtomicLong(-1);

    TemplateJobs(TemplateSource source, byte[] payoutScript, byte[] tag, PoolMetrics metrics) {
        this.source = source;
        this.payoutScript = payoutScript;
        this.tag = tag;
        this.blockLog = metrics.blockLog;
        this.submitted = metrics.registry.labeledCounter("blocks_submitted_total", "found blocks handed to the node, by its answer",
                "result", SUBMIT_RESULTS);
    }

    /** Starts the source and the feed that sends its templates to the channels of {@code c}. */
    TemplateJobs start(PoolContext c) {
        this.ctx = c;
        source.start();
        feed = Thread.ofVirtual().name("job-feed").start(this::run);
        Logger.info("jobs from {}", source.describe());
        return this;
    }

    @Override
    public Template current() {
        return current;
    }

    @Override
    public String problem() {
        return source.problem();
    }

    private void run() {
        long serial = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                TemplateSource.Published p = source.next(serial, 60_000);
                if (p == null) continue;
                serial = p.serial();
                Template t;
                try {
                    t = toTemplate(p.template());
                } catch (IllegalArgumentException e) {
                    Logger.warn("{}: template for height {} skipped: {}", source.describe(), p.template().height(), e.getMessage());
                    continue;
                }
                current = t;
                if (t.newBlock()) Logger.info("new block to mine on: height {}, {} transactions, job {}", t.height(), p.template().transactions().size(), t.jobId());
                JobClock.broadcast(ctx, t, ctx.nanoTime.getAsLong());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The pool's job for a node's template; IllegalArgumentException when no valid block can come of it. */
    Template toTemplate(BlockTemplate b) {
        Coinbase cb = Coinbase.build(b, payoutScript, tag, Extranonce.TOTAL_BYTES);
        checkLimits(b, cb);
        boolean newBlock = prevHash == null || !java.util.Arrays.equals(prevHash, b.prevHash());
        if (newBlock) {
            epoch++;
            prevHash = b.prevHash();
        }
        int ntime = (int) Math.max(b.curtime(), b.mintime());
        List<byte[]> path = List.copyOf(b.coinbaseMerklePath());
        return new Template(nextJobId++, epoch, b.height(), b.prevHash(), b.version(), b.nbits(), ntime, cb.prefix(), cb.suffix(), path,
                newBlock, Targets.toLe(Targets.fromCompact(b.nbits())), b);
    }

    /** The template's transactions and our coinbase must fit the block's weight and sigop limits. */
    private void checkLimits(BlockTemplate b, Coinbase cb) {
        long weight = 4L * (Bitcoin.HEADER_BYTES + 5) + cb.weight(Extranonce.TOTAL_BYTES);
        long sigops = 4L * legacySigops(payoutScript);
        for (BlockTemplate.Tx t : b.transactions()) {
            weight += t.weight() >= 0 ? t.weight() : 4L * t.data().length;
            if (t.sigops() > 0) sigops += t.sigops();
        }
        if (weight > b.weightLimit()) throw new IllegalArgumentException("block weight " + weight + " would exceed the limit " + b.weightLimit());
        if (sigops > b.sigopLimit()) throw new IllegalArgumentException("sigop cost " + sigops + " would exceed the limit " + b.sigopLimit());
    }

    /** OP_CHECKSIG(VERIFY) in a standard output script: one for P2PKH and P2PK, none for the rest. */
    private static int legacySigops(byte[] script) {
        int n = 0;
        for (byte op : script) if (op == (byte) 0xac || op == (byte) 0xad) n++;
        return Math.min(n, 1);
    }

    @Override
    public void blockFound(Template t, byte[] extranoncePrefix, byte[] extranonce, int version, int ntime, int nonce, byte[] hash) {
        BlockTemplate b = t.block();
        if (b == null || acceptedEpoch.get() >= t.epoch()) return;
        byte[] coinbase = Bitcoin.concat(t.coinbasePrefix(), extranoncePrefix, extranonce, t.coinbaseSuffix());
        byte[] root = Bitcoin.merkleRoot(org.sharemint.crypto.Hashes.sha256d(coinbase), t.merklePath());
        byte[] header = Bitcoin.header(version, t.prevHash(), root, ntime, t.nbits(), nonce);
        byte[] withWitness = Coinbase.blockForm(coinbase, b.segwit());
        byte[] block = Blocks.serialize(header, withWitness, b.transactions());
        String shown = hex(reversed(hash));
        TemplateSource.FoundBlock found = new TemplateSource.FoundBlock(b, version, ntime, nonce, withWitness, block, hash);
        Thread.ofVirtual().name("submit-block").start(() -> submit(found, t, shown));
    }

    private void submit(TemplateSource.FoundBlock found, Template t, String shown) {
        String said;
        try {
            String answer = source.submit(found);
            if (answer == null) {
                acceptedEpoch.accumulateAndGet(t.epoch(), Math::max);
                submitted.inc("accepted");
                said = "accepted";
                Logger.info("block {} at height {} submitted to {}: accepted", shown, t.height(), source.describe());
            } else if (answer.equals(TemplateSource.SENT)) {
                submitted.inc("sent");
                said = "sent";
                Logger.info("block {} at height {} sent to {}", shown, t.height(), source.describe());
            } else {
                submitted.inc(answer.startsWith("error: ") ? "error" : "rejected");
                said = answer;
                Logger.warn("block {} at height {} submitted to {}: {}", shown, t.height(), source.describe(), answer);
            }
        } catch (InterruptedException e) {
            submitted.inc("error");
            said = "error: interrupted (pool shutting down)";
            Logger.error("block {} at height {}: submission interrupted (pool shutting down)", shown, t.height());
        } catch (RuntimeException e) {
            submitted.inc("error");
            said = "error: " + e;
            Logger.error(e, "block {} at height {}: submission failed", shown, t.height());
        }
        blockLog.submitted(System.currentTimeMillis(), t.height(), shown, said);
    }

    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.interrupt();
            try {
                feed.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        source.close();
    }
}
