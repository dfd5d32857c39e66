package org.sharemint.miner;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.downstream.RefusedException;
import org.sharemint.wallet.Redeemer;
import org.sharemint.wallet.Wallet;
import org.sharemint.wire.ShareQuote;
import org.tinylog.Logger;

/**
 * The reference miner: a {@link Wallet} (opened first, so quotes left from an earlier run are
 * redeemed before mining), a {@link Redeemer} on a virtual thread, a {@link HashEngine}, a
 * {@link StatusReporter}, and one {@link PoolSession} at a time, reconnecting with capped
 * exponential backoff when the pool goes away.
 *
 * <p>Threads: {@link #run} blocks the caller until {@link #close} (from any thread, e.g. a
 * shutdown hook).
 */
public final class Miner implements AutoCloseable {
    static final long BACKOFF_FIRST_MS = 500;
    static final long BACKOFF_CAP_MS = 30_000;
    /** A session that mined this long was healthy: the next failure starts the backoff afresh. */
    static final long HEALTHY_SESSION_MS = 10_000;
    /** On close, how long the redeemer may go on redeeming the quotes already received. */
    static final long DRAIN_MS = 10_000;

    private final MinerOptions options;
    private final Clock clock;
    private final MinerStats stats = new MinerStats();
    private final Wallet wallet;
    private final Redeemer redeemer;
    private final HashEngine engine;
    private final StatusReporter status;
    private final AtomicLong workIds = new AtomicLong();
    private final Object sleeper = new Object();
    private volatile MinerSession session;
    private volatile boolean closed;
    private boolean engineClosed; // guarded by this

    /** Opens the wallet and redeems what an earlier run left; does not connect yet. */
    public Miner(MinerOptions options, Clock clock, SecureRandom random) throws IOException {
        this.options = options;
        this.clock = clock;
        this.wallet = Wallet.open(options.walletDir(), options.mintUrl(), random, clock);
        this.redeemer = new Redeemer(wallet, clock);
        if (options.redeem()) {
            settleLeftovers();
            redeemer.start();
        }
        this.engine = new HashEngine(options.threads(), this::onShare, stats.hashes);
        this.status = new StatusReporter(stats, wallet, redeemer, options.statusIntervalSeconds());
    }

    private void settleLeftovers() {
        try {
            int swaps = wallet.recover();
            if (swaps > 0) Logger.info("settled {} interrupted swap(s)", swaps);
        } catch (IOException e) {
            Logger.warn("could not settle interrupted swaps yet: {}", e.getMessage());
        }
        int n = redeemer.redeemDue();
        if (n > 0) Logger.info("redeemed {} quote(s) left from an earlier run", n);
    }

    public MinerStats stats() {
        return stats;
    }

    public Wallet wallet() {
        return wallet;
    }

    /** {@code <locking pubkey hex>.<user>}: the pool takes the NUT-20 key from it. */
    public String userIdentity() {
        return wallet.lockingPubkeyHex() + "." + options.user();
    }

    /** Mines until {@link #close}. */
    public void run() {
        float hashRate = (float) (options.nominalHashRate() > 0 ? options.nominalHashRate() : measureHashRate(options.threads()));
        Logger.info("miner {} -> pool {}:{}, mint {}, wallet {}, {} thread(s), announcing {} H/s", userIdentity(), options.poolHost(),
                options.poolPort(), options.mintUrl(), options.walletDir(), options.threads(), String.format("%.3g", hashRate));
        status.start();
        Backoff backoff = new Backoff(BACKOFF_FIRST_MS, BACKOFF_CAP_MS, RandomGenerator.getDefault());
        while (!closed) {
            MinerSession s = options.sv1() ? new Sv1Session(options, userIdentity(), engine, stats, clock, workIds)
                    : new PoolSession(options, userIdentity(), hashRate, engine, this::onQuote, stats, clock, workIds);
            session = s;
            long started = System.nanoTime();
            try (s) {
                s.run();
            } catch (RefusedException e) {
                Logger.error("{}", e.getMessage());
            } catch (IOException e) {
                if (!closed) Logger.warn("pool connection {}:{}: {}", options.poolHost(), options.poolPort(), e.getMessage() == null ? e.toString() : e.getMessage());
            } finally {
                session = null;
                engine.setWork(null);
            }
            if (closed) break;
            if (s.wasReady() && System.nanoTime() - started > HEALTHY_SESSION_MS * 1_000_000L) backoff.reset();
            long delay = backoff.nextDelayMs();
            Logger.info("reconnecting in {} ms", delay);
            pause(delay);
        }
    }

    private void pause(long ms) {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        synchronized (sleeper) {
            long left;
            while (!closed && (left = deadline - System.nanoTime()) > 0) {
                try {
                    sleeper.wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void onShare(HashEngine.Share share) {
        MinerSession s = session;
        if (s != null) s.submit(share);
    }

    /** On the session's reader: record the quote durably first, then let the redeemer at it. */
    private void onQuote(ShareQuote q) {
        try {
            wallet.recordQuote(q.quoteId(), q.amount(), q.keysetId(), q.shareHash());
            stats.quotesReceived.increment();
            stats.quoteAmount.add(q.amount());
            if (options.redeem()) redeemer.wake();
        } catch (IOException e) {
            Logger.error("quote {} ({} hash) could not be recorded: {}", q.quoteId(), q.amount(), e.getMessage());
        }
    }

    /**
     * A rough hash rate to announce, so the pool's first target is near right (its vardiff does
     * the rest): a third of a second of hashing on one thread, the first half to let the JIT
     * compile the loop, times the thread count.
     */
    static double measureHashRate(int threads) {
        MessageDigest sha = Bitcoin.sha256();
        byte[] header = new byte[Bitcoin.HEADER_BYTES];
        byte[] out = new byte[32];
        hashFor(sha, header, out, 150_000_000L);
        long start = System.nanoTime();
        long n = hashFor(sha, header, out, 200_000_000L);
        return n * 1e9 / (System.nanoTime() - start) * threads;
    }

    private static long hashFor(MessageDigest sha, byte[] header, byte[] out, long nanos) {
        long n = 0;
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 4096; i++) {
                Bitcoin.putLe32(header, Bitcoin.NONCE_OFFSET, (int) n++);
                Bitcoin.headerHash(sha, header, out);
            }
        }
        return n;
    }

    /**
     * Stops mining (closes the pool connection, stops the hashing threads), then lets the
     * redeemer finish the quotes already received for up to {@value #DRAIN_MS} ms; what is left
     * stays in the wallet for the next run.
     */
    @Override
    public synchronized void close() {
        if (closed && engineClosed) return;
        closed = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        MinerSession s = session;
        if (s != null) s.close();
        engine.close();
        engineClosed = true;
        status.close();
        redeemer.close(); // the background thread first, so the drain is the only one redeeming
        if (options.redeem()) redeemer.drain(DRAIN_MS);
        Logger.info(status.summary());
        wallet.close();
    }
}
