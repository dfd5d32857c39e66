package org.sharemint.bench;

import java.util.Map;

/**
 * A configuration of the pool under test: its name in the tables and the --KEY=VALUE settings
 * the pool process is started with on top of the bench's common ones.
 */
public record Mode(String id, String title, Map<String, String> poolSettings) {
    /** (a) the real path: deferred replies, each quote committed durably by the embedded mint. */
    public static Mode full() {
        return new Mode("a", "full (deferred, durable quote)", Map.of("share.reply-mode", "deferred", "share.batch-size", "1"));
    }

    /** (b) success as soon as the share is valid, no mint: the socket I/O and validation limit. */
    public static Mode immediate() {
        return new Mode("b", "immediate ack (no mint)", Map.of("share.reply-mode", "bench-immediate-ack", "share.batch-size", "1"));
    }

    /** (c) like (a) with successes aggregated per channel. */
    public static Mode batched(int batchSize) {
        return new Mode("c", "full, batch-size=" + batchSize,
                Map.of("share.reply-mode", "deferred", "share.batch-size", Integer.toString(batchSize)));
    }

    /** "(a) full (deferred, durable quote)". */
    public String label() {
        return "(" + id + ") " + title;
    }
}
