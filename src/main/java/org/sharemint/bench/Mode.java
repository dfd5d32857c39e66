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

    /**
     * (a-pg) like (a), with the embedded mint's ledger on PostgreSQL: a throwaway local server the
     * bench starts (BenchPostgres) instead of the SQLite file; mint.db.url is set when it runs.
     */
    public static Mode fullOnPostgres() {
        return new Mode("a-pg", "full, ledger on PostgreSQL", Map.of("share.reply-mode", "deferred", "share.batch-size", "1"));
    }

    /** Whether this mode's ledger is on the bench's own PostgreSQL server. */
    public boolean postgres() {
        return id.equals("a-pg");
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

    /**
     * (d) like (a), with the mint in its own process ({@code sharemint mint}) and the pool
     * reaching it over the mint link on loopback: plaintext ("d") or Noise ("dn").
     */
    public static Mode remote(boolean noise) {
        return new Mode(noise ? "dn" : "d", "full, mint process over the link (" + (noise ? "Noise" : "plaintext") + ")",
                Map.of("share.reply-mode", "deferred", "share.batch-size", "1", "mint.mode", "remote", "mint.link.noise", Boolean.toString(noise)));
    }

    /**
     * (e) like (a), but the load is Stratum V1 miners on pool.sv1.listen (one extended channel each,
     * a response per submit once its quote is durable).
     */
    public static Mode sv1() {
        return new Mode("e", "full, Stratum V1 miners", Map.of("share.reply-mode", "deferred", "share.batch-size", "1"));
    }

    /** Whether this mode's load is Stratum V1 miners. */
    public boolean sv1Load() {
        return id.equals("e");
    }

    /** Whether the pool of this mode needs a mint process to link to. */
    public boolean remoteMint() {
        return "remote".equals(poolSettings.get("mint.mode"));
    }

    /** "(a) full (deferred, durable quote)". */
    public String label() {
        return "(" + id + ") " + title;
    }
}
