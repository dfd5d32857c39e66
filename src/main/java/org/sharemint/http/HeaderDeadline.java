package org.sharemint.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.tinylog.Logger;

/**
 * Closes a connection whose request line and headers are not complete {@code timeoutMs} after they
 * started: the idle timeout ends a stall, this ends a trickle (one byte now and then) that would
 * keep a connection forever. Jetty has no such limit of its own, so one virtual thread looks at
 * every open connection's parser each quarter of the timeout: a connection found in the head of
 * the same request (no request finished meanwhile) at every look for the whole timeout is closed,
 * between one and one and a half timeouts after its head began. The parser's state is read
 * without its lock; a stale read only delays a close by one look.
 */
final class HeaderDeadline implements Connection.Listener, AutoCloseable {
    private final long timeoutNanos;
    private final long tickMs;
    private final Map<HttpConnection, Watch> open = new ConcurrentHashMap<>();
    private final Thread sweeper;
    private volatile boolean closed;

    /** When a connection was first seen in a request's head, and how many requests it had finished then. */
    private static final class Watch {
        long since;
        long messages = -1;
    }

    HeaderDeadline(String name, long timeoutMs) {
        this.timeoutNanos = timeoutMs * 1_000_000;
        this.tickMs = Math.max(10, timeoutMs / 4);
        this.sweeper = Thread.ofVirtual().name(name + "-header-deadline").start(this::sweep);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection h) open.put(h, new Watch());
    }

    @Override
    public void onClosed(Connection connection) {
        open.remove(connection);
    }

    private void sweep() {
        while (!closed) {
            try {
                Thread.sleep(tickMs);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            open.forEach((h, w) -> look(h, w, now));
        }
    }

    private void look(HttpConnection h, Watch w, long now) {
        boolean inHead = h.getParser().inHeaderState() && !h.getParser().isStart();
        long messages = h.getMessagesIn();
        if (!inHead) {
            w.messages = -1;
            return;
        }
        if (w.messages != messages) {
            w.messages = messages;
            w.since = now;
        } else if (now - w.since >= timeoutNanos) {
            Logger.debug("HTTP request head from {} not complete after {} ms: closed", h.getEndPoint().getRemoteSocketAddress(),
                timeoutNanos / 1_000_000);
            open.remove(h);
            h.getEndPoint().close();
        }
    }

    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
    }
}
