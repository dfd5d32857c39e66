package org.sharemint.monitor;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.tinylog.Logger;

/**
 * The monitor's one timer: every second it hands the time to each of its steps (slots closing,
 * counters sampled, workers forgotten). A step that throws is logged and the ticker goes on.
 */
public final class Ticker implements AutoCloseable {
    private static final long PERIOD_MS = 1000;
    private final Clock clock;
    private final List<LongConsumer> steps;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private Ticker(Clock clock, List<LongConsumer> steps) {
        this.clock = clock;
        this.steps = List.copyOf(steps);
        this.thread = Thread.ofVirtual().name("monitor-ticker").unstarted(this::run);
    }

    public static Ticker start(Clock clock, List<LongConsumer> steps) {
        Ticker t = new Ticker(clock, steps);
        t.thread.start();
        return t;
    }

    private void run() {
        try {
            while (!stop.await(PERIOD_MS, TimeUnit.MILLISECONDS)) {
                long now = clock.millis();
                for (LongConsumer s : steps) {
                    try {
                        s.accept(now);
                    } catch (RuntimeException e) {
                        Logger.error(e, "monitor ticker: a step failed");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        thread.join();
    }
}
