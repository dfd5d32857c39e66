package org.sharemint.pool;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.bitcoin.Targets;
import org.sharemint.crypto.Hashes;

/**
 * A built-in chain for demos, tests and benchmarks (jobs.source=synthetic): real coinbase
 * transactions (BIP34 height, the pool tag, one payout output), a merkle path over a few
 * made-up txids, and the regtest network target (nbits 0x207fffff) so CPU miners find blocks.
 * It has no network: {@link #newBlock()} invents the next prev hash when the caller says so.
 *
 * <p>Thread safety: the mutators are synchronized; {@link #current()} is a volatile read.
 */
final class SyntheticChain implements JobSource {
    static final int NBITS = 0x207fffff;
    static final int VERSION = 0x20000000;
    private static final int FAKE_TXS = 3;
    private static final int START_HEIGHT = 100;
    private static final int MAX_TAG_BYTES = 60;
    /** P2WSH of OP_TRUE: anyone can spend it, which is what a regtest-like chain wants. */
    private static final byte[] PAYOUT_SCRIPT = Bitcoin.concat(new byte[] {0x00, 0x20}, Hashes.sha256(new byte[] {0x51}));

    private final Clock clock;
    private final RandomGenerator random;
    private final byte[] tag;
    private final byte[] networkTarget = Targets.toLe(Targets.fromCompact(NBITS));
    private int nextJobId = 1;
    private long epoch;
    private int height = START_HEIGHT;
    private byte[] prevHash;
    private volatile Template current;

    SyntheticChain(Clock clock, RandomGenerator random, String tag) {
        this.clock = clock;
        this.random = random;
        byte[] t = tag.getBytes(StandardCharsets.UTF_8);
        this.tag = Arrays.copyOf(t, Math.min(t.length, MAX_TAG_BYTES));
        this.prevHash = randomHash();
        this.current = make(true);
    }

    /** The newest template. */
    @Override
    public Template current() {
        return current;
    }

    /** A block was "found": next height, new prev hash, a future job for it. */
    synchronized Template newBlock() {
        epoch++;
        height++;
        prevHash = randomHash();
        current = make(true);
        return current;
    }

    /** A fresher job on the same prev hash (new ntime and transactions). */
    synchronized Template refresh() {
        current = make(false);
        return current;
    }

    /** Version bits the next templates set, as a node's do to signal a deployment (tests). */
    private volatile int signalBits;

    void signal(int bits) {
        signalBits = bits;
    }

    private Template make(boolean newBlock) {
        List<byte[]> txids = new ArrayList<>();
        for (int i = 0; i < FAKE_TXS; i++) txids.add(randomHash());
        int ntime = (int) (clock.millis() / 1000);
        return new Template(nextJobId++, epoch, height, prevHash, VERSION | signalBits, NBITS, ntime,
                coinbasePrefix(), coinbaseSuffix(), List.copyOf(Bitcoin.merklePathOfFirst(txids)), newBlock, networkTarget, null);
    }

    /** version | one input spending nothing | scriptSig length | height push | push of the extranonce. */
    private byte[] coinbasePrefix() {
        byte[] heightPush = Bitcoin.heightPush(height);
        int scriptLength = heightPush.length + 1 + Extranonce.TOTAL_BYTES + 1 + tag.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bitcoin.putLe32(out, 2);
        out.write(1);
        out.writeBytes(new byte[32]);
        Bitcoin.putLe32(out, 0xFFFFFFFF);
        Bitcoin.putCompactSize(out, scriptLength);
        out.writeBytes(heightPush);
        out.write(Extranonce.TOTAL_BYTES);
        return out.toByteArray();
    }

    /** push of the tag | sequence | one payout output | locktime. */
    private byte[] coinbaseSuffix() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag.length);
        out.writeBytes(tag);
        Bitcoin.putLe32(out, 0xFFFFFFFF);
        out.write(1);
        Bitcoin.putLe64(out, subsidy(height));
        Bitcoin.putCompactSize(out, PAYOUT_SCRIPT.length);
        out.writeBytes(PAYOUT_SCRIPT);
        Bitcoin.putLe32(out, 0);
        return out.toByteArray();
    }

    /** 50 BTC halving every 150 blocks, as on regtest. */
    static long subsidy(int height) {
        int halvings = height / 150;
        return halvings >= 64 ? 0 : 5_000_000_000L >> halvings;
    }

    private byte[] randomHash() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }
}
