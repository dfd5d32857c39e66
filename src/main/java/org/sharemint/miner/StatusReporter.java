package org.sharemint.miner;

import java.io.IOException;
import java.util.Map;
import org.sharemint.wallet.Redeemer;
import org.sharemint.wallet.Wallet;
import org.tinylog.Logger;

/** Logs one INFO status line every few seconds: hash rate, shares, quotes, balance. */
final class StatusReporter implements AutoCloseable {
    private final MinerStats stats;
    private final Wallet wallet;
    private final Redeemer redeemer;
    private final long intervalMs;
    private volatile boolean closed;
    private Thread thread;

    StatusReporter(MinerStats stats, Wallet wallet, Redeemer redeemer, int intervalSeconds) {
        this.stats = stats;
        this.wallet = wallet;
        this.redeemer = redeemer;
        this.intervalMs = intervalSeconds * 1000L;
    }

    synchronized void start() {
        if (thread == null) thread = Thread.ofVirtual().name("status").start(this::loop);
    }

    private void loop() {
        long lastHashes = stats.hashes();
        long lastNanos = System.nanoTime();
        while (!closed) {
            try {
                Thread.sleep(intervalMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long h = stats.hashes(), now = System.nanoTime();
            double rate = (h - lastHashes) * 1e9 / Math.max(1, now - lastNanos);
            lastHashes = h;
            lastNanos = now;
            Logger.info(line(rate));
        }
    }

    /** The counters without a hash rate (for the line logged when the miner stops). */
    String summary() {
        return "miner stopped: " + counters();
    }

    String line(double hashRate) {
        return "hashrate " + rate(hashRate) + ", " + counters();
    }

    private String counters() {
        String balance;
        String quotes;
        try {
            balance = Long.toString(wallet.balance());
            Map<String, Long> q = wallet.store().quoteCounts();
            long waiting = q.getOrDefault("PAID", 0L) + q.getOrDefault("MINTING", 0L);
            quotes = "quotes received " + stats.quotesReceived() + " redeemed " + redeemer.issued() + " waiting " + waiting;
            long refused = q.getOrDefault("REJECTED", 0L) + q.getOrDefault("LOST", 0L);
            if (refused > 0) quotes += " refused " + refused;
        } catch (IOException e) {
            balance = "?";
            quotes = "quotes ? (" + e.getMessage() + ")";
        }
        return "shares submitted " + stats.submitted() + " accepted " + stats.accepted()
                + " rejected " + stats.rejectedTotal() + (stats.rejectedTotal() > 0 ? " " + stats.rejectedByCode() : "")
                + ", " + quotes + ", balance " + balance + " " + Wallet.UNIT;
    }

    static String rate(double hps) {
        String[] units = {"H/s", "kH/s", "MH/s", "GH/s", "TH/s"};
        int u = 0;
        while (hps >= 1000 && u < units.length - 1) {
            hps /= 1000;
            u++;
        }
        return String.format("%.2f %s", hps, units[u]);
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) t.interrupt();
    }
}
