package org.sharemint.pool;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import org.tinylog.Logger;

/**
 * Keeps file descriptors for the rest of the process: miner connections are capped so that
 * {@code reserve} descriptors stay free under the process's limit (RLIMIT_NOFILE) for the
 * ledger, the Cashu HTTP API, the monitor and the mint link. Without it, idle miner sockets
 * could take the last descriptor and the mint could not open one; with it, a miner past the cap
 * is refused at once like one past pool.max-connections.
 */
final class DescriptorLimit {
    private DescriptorLimit() {}

    /** pool.max-connections, lowered to what the descriptor limit leaves after those open now and {@code reserve}. */
    static int connectionCap(int maxConnections, int reserve) {
        if (reserve <= 0) return maxConnections;
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.UnixOperatingSystemMXBean unix)) return maxConnections;
        long limit = unix.getMaxFileDescriptorCount();
        long open = unix.getOpenFileDescriptorCount();
        if (limit <= 0 || open < 0) return maxConnections;
        long left = Math.max(1, limit - open - reserve);
        if (left >= maxConnections) return maxConnections;
        Logger.info("the descriptor limit ({} open of {}) leaves room for {} miner connections after pool.descriptor-reserve ({}),"
                + " below pool.max-connections ({}): raise the limit (ulimit -n) to serve more", open, limit, left, reserve, maxConnections);
        return (int) left;
    }
}
