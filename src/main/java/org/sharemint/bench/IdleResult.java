package org.sharemint.bench;

/**
 * The connection-scale phase: N idle Noise connections (handshake, SetupConnection, one open
 * channel each), then the pool's memory per connection.
 *
 * @param requested connections asked for
 * @param established connections that finished the handshake and opened their channel
 * @param connectSeconds wall time to establish them all
 * @param poolCpuSeconds pool CPU (user + system) over the connect phase
 * @param rssBefore pool VmRSS before any connection (after a GC), bytes
 * @param rssAfter pool VmRSS with all connections open (after a GC), bytes
 * @param heapBefore pool used heap before, -1 when unknown
 * @param heapAfter pool used heap after, -1 when unknown
 * @param firstFailure the first connection failure's message, or null
 * @param heapClasses the pool's largest classes by live bytes with the connections open
 */
public record IdleResult(
        int requested,
        int established,
        double connectSeconds,
        double poolCpuSeconds,
        long rssBefore,
        long rssAfter,
        long heapBefore,
        long heapAfter,
        String firstFailure,
        java.util.List<String> heapClasses) {

    /** Connections established per second of wall time (generator and pool share the cores). */
    public double handshakesPerSecond() {
        return connectSeconds > 0 ? established / connectSeconds : 0;
    }

    /** Pool CPU milliseconds per connection set-up (Noise handshake, setup, channel open). */
    public double poolCpuMillisPerConnection() {
        return established > 0 ? poolCpuSeconds * 1e3 / established : 0;
    }

    public double rssBytesPerConnection() {
        return established > 0 ? (double) (rssAfter - rssBefore) / established : 0;
    }

    public double heapBytesPerConnection() {
        return established > 0 && heapBefore >= 0 && heapAfter >= 0 ? (double) (heapAfter - heapBefore) / established : -1;
    }
}
