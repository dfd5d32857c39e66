package org.sharemint.process;

import org.tinylog.Logger;

/**
 * SIGTERM and SIGINT handled by the program rather than by the JVM's shutdown, so a graceful
 * stop can finish and the process exit 0 (a JVM ended by a signal exits 143). Used by the
 * long-running commands ({@code pool}, {@code mint}); a leaf package so any of them can.
 */
public final class Signals {
    private Signals() {}

    /**
     * Runs {@code action} on a new platform thread named {@code threadName} at SIGTERM or SIGINT.
     * Once installed, the JVM no longer starts its shutdown on those signals: {@code action} must
     * let the command return.
     *
     * @return false when this JVM cannot handle signals (the caller keeps a shutdown hook then)
     */
    public static boolean onTerminate(String threadName, Runnable action) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    Logger.info("SIG{} received: shutting down", name);
                    Thread.ofPlatform().name(threadName).start(action);
                });
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            Logger.debug("signal handlers unavailable: {}", e.getMessage());
            return false;
        }
    }
}
