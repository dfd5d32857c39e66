package org.sharemint.pool;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.tinylog.Logger;

/**
 * The pool's one timer thread, as a plain loop: a new block every jobs.block-interval-ms, a
 * fresher job every jobs.refresh-ms (with a vardiff check for every channel), and the INFO
 * summary every minute. Each new job goes to every open channel of every connection.
 *
 * <p>A step that throws is logged with its stack and the clock goes on: the next tick tries
 * again. A clock that keeps failing would serve stale jobs, so {@link #problem} reports when the
 * newest job is older than {@link #maxJobAgeNanos} and the pool's /health turns unhealthy.
 */
final class JobClock implements AutoCloseable {
    static final long SUMMARY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final PoolContext ctx;
    private final Supplier<Template> newBlock;
    private final Supplier<Template> refresh;
    private final long blockNanos;
    private final long refreshNanos;
    /** Two intervals without a job: one late tick is not yet a problem, two are. */
    private final long maxJobAgeNanos;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    /** When the last job went out (or the clock started). */
    private volatile long lastJobNanos;

    JobClock(PoolContext ctx) {
        this(ctx, ctx.chain::newBlock, ctx.chain::refresh);
    }

    /** With the job source's two steps given (tests make them fail). */
    JobClock(PoolContext ctx, Supplier<Template> newBlock, Supplier<Template> refresh) {
        this.ctx = ctx;
        this.newBlock = newBlock;
        this.refresh = refresh;
        this.blockNanos = TimeUnit.MILLISECONDS.toNanos(ctx.settings.blockIntervalMs());
        this.refreshNanos = TimeUnit.MILLISECONDS.toNanos(ctx.settings.refreshMs());
        this.maxJobAgeNanos = 2 * Math.min(blockNanos, refreshNanos);
        this.thread = Thread.ofVirtual().name("job-clock").unstarted(this::run);
    }

    JobClock start() {
        lastJobNanos = ctx.nanoTime.getAsLong();
        thread.start();
        return this;
    }

    /** Null while jobs are fresh; else why they are not (for /health). */
    String problem() {
        long age = ctx.nanoTime.getAsLong() - lastJobNanos;
        if (!thread.isAlive() && stop.getCount() > 0) return "the job clock has stopped";
        if (age <= maxJobAgeNanos) return null;
        return "newest job is " + TimeUnit.NANOSECONDS.toSeconds(age) + " s old (expected one every "
                + TimeUnit.NANOSECONDS.toMillis(Math.min(blockNanos, refreshNanos)) + " ms)";
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
                    // the next tick is scheduled whether or not this one worked: a failing step is retried, not spun on
                    nextBlock = now + blockNanos;
                    nextRefresh = now + refreshNanos;
                    step("new block", newBlock, now);
                } else if (now - nextRefresh >= 0) {
                    nextRefresh = now + refreshNanos;
                    step("job refresh", refresh, now);
                }
                if (now - nextSummary >= 0) {
                    nextSummary = now + SUMMARY_NANOS;
                    Logger.info("pool: {}", ctx.metrics.summary());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void step(String what, Supplier<Template> job, long now) {
        try {
            Template t = job.get();
            if (t == null) return; // a real source with no template yet: nothing to send
            Logger.debug("{}: height {}, job {}", what, t.height(), t.jobId());
            broadcast(ctx, t, now);
            lastJobNanos = now;
        } catch (RuntimeException e) {
            Logger.error(e, "job clock: {} failed; trying again at the next tick", what);
        }
    }

    /**
     * Sends a template to every channel, then gives each channel's vardiff a look. A channel
     * that fails is logged and skipped: the others still get the job.
     */
    static void broadcast(PoolContext ctx, Template t, long now) {
        for (Downstream c : ctx.downstreams()) {
            for (MiningChannel ch : c.channels()) {
                try {
                    ch.sendTemplate(t);
                    ch.tick(now);
                } catch (RuntimeException e) {
                    Logger.error(e, "job clock: job {} to channel {} of connection {} failed", t.jobId(), ch.id, c.id());
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        thread.join();
    }
}
