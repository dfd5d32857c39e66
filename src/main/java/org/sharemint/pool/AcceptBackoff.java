package org.sharemint.pool;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.tinylog.Logger;

/**
 * What the accept loop does when accept fails (most often: no file descriptor left, EMFILE):
 * the connection waits in the listen backlog, so retrying at once fails again at once and spins
 * a core. Instead it sleeps, from 5 ms doubling up to 1 s, and logs one line per 10 s with the
 * count of failures since the last line. A successful accept resets the pause.
 */
final class AcceptBackoff {
    static final long FIRST_PAUSE_MS = 5;
    static final long MAX_PAUSE_MS = 1000;
    static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final LongSupplier nanoTime;
    private long pauseMs;
    private long failures;
    private long lastLog;
    private boolean logged;

    AcceptBackoff(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** After a failed accept: maybe one log line, then the pause. */
    void failed(String message) throws InterruptedException {
        failures++;
        long now = nanoTime.getAsLong();
        if (!logged || now - lastLog >= LOG_INTERVAL_NANOS) {
            Logger.warn("accept failed {} times{}: {}; pausing accepts up to {} ms between tries", failures,
                    logged ? " in the last " + TimeUnit.NANOSECONDS.toSeconds(now - lastLog) + " s" : "", message, MAX_PAUSE_MS);
            logged = true;
            lastLog = now;
            failures = 0;
        }
        pauseMs = pauseMs == 0 ? FIRST_PAUSE_MS : Math.min(MAX_PAUSE_MS, pauseMs * 2);
        Thread.sleep(pauseMs);
    }

    /** After a successful accept. */
    void succeeded() {
        pauseMs = 0;
    }
}
