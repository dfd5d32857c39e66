package org.sharemint.jobs;

import org.tinylog.Logger;

/**
 * Whether a source reaches its node, logged once per change: one line when an outage starts,
 * one when it ends, however many attempts fail in between.
 */
final class Outage {
    private final String who;
    private String problem;
    private boolean logged;
    private boolean everReached;

    Outage(String who) {
        this.who = who;
        this.problem = who + " not reached yet";
    }

    synchronized void failed(String why) {
        problem = who + " unreachable: " + why;
        if (logged) return;
        logged = true;
        Logger.warn("{}; {}; retrying with backoff", problem,
                everReached ? "the last jobs stay valid until a new block is known" : "channels are refused until it answers");
    }

    synchronized void reached() {
        if (logged) Logger.info("{} {}", who, everReached ? "reachable again" : "reached");
        everReached = true;
        logged = false;
        problem = null;
    }

    synchronized String problem() {
        return problem;
    }

    /** Milliseconds to wait after the n-th failure in a row: 1 s, 2 s, 4 s, ... up to {@code maxMillis}. */
    static long backoffMillis(int failures, long maxMillis) {
        long ms = 1000L << Math.min(Math.max(failures - 1, 0), 10);
        return Math.min(ms, maxMillis);
    }
}
