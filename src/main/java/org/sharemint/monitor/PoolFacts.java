package org.sharemint.monitor;

import java.util.List;
import java.util.Map;

/**
 * What the pool tells the monitor at a moment (the share figures over time are {@link ShareStats}'s).
 *
 * @param sharesByResult submits since start by result ("accepted" or the error code)
 * @param jobSource where jobs come from and whether they are fresh
 * @param mintLink the mint the pool asks for quotes
 */
public record PoolFacts(long connections, long channels, long sharesPending, Map<String, Long> sharesByResult, Blocks blocks,
        JobSource jobSource, MintLink mintLink) {

    /**
     * @param found shares that met the network target
     * @param submitted blocks handed to the node (null: this job source submits none, as the synthetic chain)
     * @param lastSubmissions the latest submissions with the node's answers, newest first
     */
    public record Blocks(long found, Long submitted, List<BlockLog.Submission> lastSubmissions) {}

    /** @param problem null while jobs are fresh, else why not */
    public record JobSource(String kind, boolean healthy, String problem) {}

    /** @param mode embedded or remote; @param address the remote mint's link address (null when embedded) */
    public record MintLink(String mode, boolean reachable, String address) {}
}
