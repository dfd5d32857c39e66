package org.sharemint.pool;

import org.tinylog.Logger;

/**
 * SIGTERM and SIGINT handled by the program rather than by the JVM's shutdown, so a graceful
 * stop can finish and the process exit 0 (a JVM stopped by a signal exits 143).
 */
final class Signals {
    private Signals() {}

    /** Runs {@code action} on a new thread at SIGTERM or SIGINT; false when signals are not available. */
    static boolean onTerminate(Runnable action) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    Logger.info("SIG{} received: shutting down", name);
                    Thread.ofPlatform().name("pool-stop").start(action);
                });
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            Logger.debug("signal handlers unavailable: {}", e.getMessage());
            return false;
        }
    }
}
