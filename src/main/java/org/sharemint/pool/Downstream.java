package org.sharemint.pool;

import java.util.Collection;
import java.util.List;

/**
 * One miner connection of any protocol, as the job broadcaster and shutdown see it: its open
 * channels, the shares waiting for their quotes, and a graceful close.
 */
interface Downstream {
    int id();

    Collection<MiningChannel> channels();

    List<PendingShare> pendingShares();

    /** Shutdown: write what is queued (bounded wait), then close. */
    void closeGracefully(String reason);
}
