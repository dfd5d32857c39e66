package org.sharemint.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.sharemint.metrics.Page;

/**
 * The monitoring API under /api/v1/ (README, "Monitoring API"): the pool, its workers and the
 * mint, as JSON. A mint alone (the mint command) has only /api/v1/mint.
 */
public final class ApiPages implements Page {
    public static final String PREFIX = "/api/v1/";
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    private final ShareStats shares;
    private final Supplier<PoolFacts> pool;
    private final MintView mint;
    private final Clock clock;

    /** @param shares and @param pool null in a process with no pool (the mint command) */
    public ApiPages(ShareStats shares, Supplier<PoolFacts> pool, MintView mint, Clock clock) {
        this.shares = shares;
        this.pool = pool;
        this.mint = mint;
        this.clock = clock;
    }

    /** The hashrate over the three windows. */
    public record Hashrates(@JsonProperty("1m") ShareStats.Rate oneMinute, @JsonProperty("10m") ShareStats.Rate tenMinutes,
            @JsonProperty("1h") ShareStats.Rate oneHour) {}

    /** How many workers the table keeps. */
    public record WorkerCount(int tracked, int max, long untracked, long forgetAfterSeconds) {}

    /** The answer of /api/v1/pool. */
    public record PoolAnswer(long uptimeSeconds, long startedUnixMs, long connections, long channels, long sharesPending,
            Map<String, Long> sharesByResult, Hashrates hashrate, ShareStats.LastMinute lastMinute, PoolFacts.Blocks blocks,
            PoolFacts.JobSource jobSource, PoolFacts.MintLink mintLink, WorkerCount workers) {}

    /** Sums over one locking key's workers. */
    public record Totals(@JsonProperty("hashrate_1m") double hashrate1m, @JsonProperty("hashrate_10m") double hashrate10m,
            @JsonProperty("hashrate_1h") double hashrate1h, long accepted, long rejected, long quotes, double ecash) {}

    /** The answer of /api/v1/workers/{key}. */
    public record MinerAnswer(String lockingKey, Totals totals, List<WorkerTable.Row> workers) {}

    @Override
    public Response get(String path, Map<String, String> query) {
        String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        if (rest.equals("mint")) return Json.ok(mint.answer());
        if (shares == null) {
            return rest.equals("pool") || rest.startsWith("workers") ? Json.error(404, "this process is a mint alone: only /api/v1/mint")
                    : Json.error(404, "no such resource: " + path);
        }
        return switch (rest) {
            case "pool" -> Json.ok(pool());
            case "pool/history" -> Json.ok(shares.history());
            case "workers" -> workers(query);
            default -> rest.startsWith("workers/") ? miner(rest.substring("workers/".length())) : Json.error(404, "no such resource: " + path);
        };
    }

    private PoolAnswer pool() {
        PoolFacts f = pool.get();
        long now = clock.millis();
        WorkerTable w = shares.workers();
        return new PoolAnswer((now - shares.startMs()) / 1000, shares.startMs(), f.connections(), f.channels(), f.sharesPending(),
                f.sharesByResult(), new Hashrates(shares.rate1m(), shares.rate10m(), shares.rate1h()), shares.lastMinute(), f.blocks(),
                f.jobSource(), f.mintLink(), new WorkerCount(w.size(), w.maxWorkers(), w.untracked(), WorkerTable.FORGET_AFTER_MS / 1000));
    }

    private Response workers(Map<String, String> q) {
        int page;
        int size;
        try {
            page = Integer.parseInt(q.getOrDefault("page", "0"));
            size = Integer.parseInt(q.getOrDefault("size", Integer.toString(DEFAULT_PAGE_SIZE)));
        } catch (NumberFormatException e) {
            return Json.error(400, "page and size are whole numbers");
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) return Json.error(400, "page >= 0 and 1 <= size <= " + MAX_PAGE_SIZE);
        String sort = q.getOrDefault("sort", "hashrate_1m");
        if (!WorkerTable.SORTS.contains(sort)) return Json.error(400, "sort is one of " + String.join(", ", WorkerTable.SORTS));
        String order = q.getOrDefault("order", sort.equals("name") || sort.equals("locking_key") ? "asc" : "desc");
        if (!order.equals("asc") && !order.equals("desc")) return Json.error(400, "order is asc or desc");
        String search = q.getOrDefault("q", "");
        if (search.length() > 256) return Json.error(400, "q is at most 256 characters");
        return Json.ok(shares.workers().page(page, size, sort, order.equals("desc"), search));
    }

    private Response miner(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.length() != 66 || !k.chars().allMatch(HexFormat::isHexDigit)) {
            return Json.error(400, "a locking key is 66 hex digits (a compressed secp256k1 public key)");
        }
        List<WorkerTable.Row> rows = shares.workers().byKey(k);
        if (rows.isEmpty()) return Json.error(404, "no worker with this locking key in the last day");
        double h1 = 0, h10 = 0, h60 = 0, ecash = 0;
        long acc = 0, rej = 0, quotes = 0;
        for (WorkerTable.Row r : rows) {
            h1 += r.hashrate1m();
            h10 += r.hashrate10m();
            h60 += r.hashrate1h();
            acc += r.accepted();
            rej += r.rejected();
            quotes += r.quotes();
            ecash += r.ecash();
        }
        return Json.ok(new MinerAnswer(k, new Totals(h1, h10, h60, acc, rej, quotes, ecash), rows));
    }
}
