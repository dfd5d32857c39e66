package org.sharemint.http;

/**
 * What one HTTP listener lets a client hold: open connections, how long any part of a request
 * (request line, headers, body) may stall, how long the headers may take in all, how large they
 * may be, and how slowly a body may trickle.
 *
 * @param maxConnections beyond it the listener stops accepting (connections wait in the kernel's
 *     backlog and hold no descriptor of this process) until one closes
 * @param idleTimeoutMs a connection that sends nor receives a byte for this long is closed
 * @param headerTimeoutMs a request whose request line and headers are not complete this long
 *     after they started is closed
 * @param maxHeaderBytes request line plus headers; larger gets 431
 * @param minBodyBytesPerSecond a body read more slowly than this on average gets 408
 */
public record HttpLimits(int maxConnections, long idleTimeoutMs, long headerTimeoutMs, int maxHeaderBytes, long minBodyBytesPerSecond) {

    /** The monitor endpoint's: a few scrapers, never many. */
    public static final HttpLimits MONITOR = new HttpLimits(32, 30_000, 10_000, 8192, 1024);

    public HttpLimits {
        if (maxConnections < 1 || idleTimeoutMs < 1 || headerTimeoutMs < 1 || maxHeaderBytes < 256 || minBodyBytesPerSecond < 0) {
            throw new IllegalArgumentException("bad HTTP limits " + maxConnections + "/" + idleTimeoutMs + "/" + headerTimeoutMs + "/"
                + maxHeaderBytes + "/" + minBodyBytesPerSecond);
        }
    }
}
