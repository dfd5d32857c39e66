package org.sharemint.miner;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.tinylog.Logger;

/**
 * What an SV2 ({@link PoolSession}) and an SV1 ({@link Sv1Session}) connection to the pool share:
 * the socket that {@link #close} closes from any thread, the ready flag, handing work to the
 * {@link HashEngine}, the stale check before a submit and the timeouts' wording.
 */
abstract class SessionBase implements MinerSession {
    static final int SETUP_TIMEOUT_MS = 10_000;
    /** The pool sends a job at least every jobs.refresh-ms; this much silence means it is gone. */
    static final int IDLE_TIMEOUT_MS = 300_000;

    final HashEngine engine;
    final MinerStats stats;
    final Socket socket = new Socket();
    private volatile boolean ready;

    SessionBase(HashEngine engine, MinerStats stats) {
        this.engine = engine;
        this.stats = stats;
    }

    /** Whether the session got as far as mining. */
    @Override
    public final boolean wasReady() {
        return ready;
    }

    /** The session is mining from now on; the socket waits {@link #IDLE_TIMEOUT_MS} for the pool. */
    final void ready() throws IOException {
        ready = true;
        stats.connects.increment();
        socket.setSoTimeout(IDLE_TIMEOUT_MS);
    }

    final void publish(Work w) {
        if (w != null) engine.setWork(w);
    }

    /** Whether {@code s} is on the work being mined now; if not it is counted as dropped (the pool would call it stale). */
    final boolean current(HashEngine.Share s) {
        Work current = engine.work();
        if (ready && current != null && current.jobId() == s.work().jobId()) return true;
        stats.droppedStale.increment();
        return false;
    }

    /** A read that timed out, said for the phase the session was in. */
    final IOException timedOut(SocketTimeoutException e, String what) {
        return new IOException(ready ? "no " + what + " from the pool for " + IDLE_TIMEOUT_MS / 1000 + " s"
                : "the pool did not answer the setup in time", e);
    }

    @Override
    public final void close() {
        try {
            socket.close();
        } catch (IOException e) {
            Logger.debug("closing the pool socket: {}", e.getMessage());
        }
    }
}
