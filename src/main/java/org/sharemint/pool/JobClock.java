package org.sharemint.pool;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/**
 * The pool's one timer thread, as a plain loop: a new block every jobs.block-interval-ms, a
 * fresher job every jobs.refresh-ms (with a vardiff check for every channel), and the INFO
 * summary every minute. Each new job goes to every open channel of every connection.
 */
final class JobClock implements AutoCloseable {
    static final long SUMMARY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final PoolContext ctx;
    private final long blockNanos;
    private final long refreshNanos;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    JobClock(PoolContext ctx) {
        this.ctx = ctx;
        this.blockNanos = TimeUnit.MILLISECONDS.toNanos(ctx.settings.blockIntervalMs());
        this.refreshNanos = TimeUnit.MILLISECONDS.toNanos(ctx.settings.refreshMs());
        this.thread = Thread.ofVirtual().name("job-clock").unstarted(this::run);
    }

    JobClock start() {
        thread.start();
        return this;
    }

    private void run() {
        long now = ctx.nanoTime.getAsLong();
        long nextBlock = now + blockNanos;
        long nextRefresh = now + refreshNanos;
        long nextSummary = now + SUMMARY_NANOS;
        try {
            while (true) {
                long wake = Math.min(nextBlock, Math.min(nextRefresh, nextSummary));
                if (stop.await(wake - ctx.nanoTime.getAsLong(), TimeUnit.NANOSECONDS)) return;
                now = ctx.nanoTime.getAsLong();
                if (now - nextBlock >= 0) {
                    Template t = ctx.chain.newBlock();
                    Logger.debug("synthetic chain: height {}, job {}", t.height(), t.jobId());
                    broadcast(t, now);
                    nextBlock = now + blockNanos;
                    nextRefresh = now + refreshNanos;
                } else if (now - nextRefresh >= 0) {
                    broadcast(ctx.chain.refresh(), now);
                    nextRefresh = now + refreshNanos;
                }
                if (now - nextSummary >= 0) {
                    Logger.info("pool: {}", ctx.metrics.summary());
                    nextSummary = now + SUMMARY_NANOS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            Logger.error(e, "job clock stopped");
        }
    }

    /** Sends a template to every channel, then gives each channel's vardiff a look. */
    static void broadcast(PoolContext ctx, Template t, long now) {
        for (Connection c : ctx.connections) {
            for (MiningChannel ch : c.channels()) {
                ch.sendTemplate(t, c);
                ch.tick(now, c);
            }
        }
    }

    private void broadcast(Template t, long now) {
        broadcast(ctx, t, now);
    }

    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        thread.join();
    }
}
