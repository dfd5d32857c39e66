package org.sharemint.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every worker seen in the last day, by locking key and worker name, bounded: at most
 * {@code maxWorkers} of them (a worker past the cap is counted but not kept, until the ticker
 * makes room by forgetting the ones seen longest ago). Channels look their worker up once, when
 * they open; the share path then writes to the {@link WorkerStats} it holds.
 *
 * <p>Threads: lookups from connection threads, writes from share threads, {@link #advance} from
 * the one ticker thread, reads from HTTP threads. The map is concurrent; a worker's figures are
 * read without a lock, so a page may mix values a share apart.
 */
public final class WorkerTable {
    /** A worker not seen for this long is forgotten. */
    public static final long FORGET_AFTER_MS = TimeUnit.DAYS.toMillis(1);
    /** When the table is full the ticker forgets the longest unseen down to this share of the cap. */
    private static final double REFILL_TO = 0.9;

    private record Id(String lockingKey, String name) {}

    private final Map<Id, WorkerStats> workers = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxWorkers;
    private final LongAdder untracked = new LongAdder();
    /** The current tick, published whole by the ticker: writers read one volatile and do no arithmetic on the clock. */
    private volatile Now now;

    /** A tick: its number, its slot in each window's ring, and the time it was published (what "last share" shows, to the second). */
    record Now(long tick, int slot1m, int slot10m, int slot1h, long ms) {
        static Now at(long tick, long ms) {
            return new Now(tick, Window.ONE_MINUTE.index(tick), Window.TEN_MINUTES.index(tick), Window.ONE_HOUR.index(tick), ms);
        }
    }

    public WorkerTable(Clock clock, int maxWorkers) {
        if (maxWorkers < 1) throw new IllegalArgumentException("maxWorkers must be at least 1");
        this.clock = clock;
        this.maxWorkers = maxWorkers;
        long ms = clock.millis();
        this.now = Now.at(ms / Window.TICK_MS, ms);
    }

    /**
     * The worker of a channel opening now ({@code lockingKey} lowercase hex, "" for none). Over
     * the cap it is a worker of its own that no page lists.
     */
    public WorkerStats worker(String lockingKey, String name) {
        long now = clock.millis();
        Id id = new Id(lockingKey, name);
        WorkerStats w = workers.get(id);
        if (w == null) {
            if (workers.size() >= maxWorkers) {
                untracked.increment();
                return new WorkerStats(this, lockingKey, name, now);
            }
            w = workers.computeIfAbsent(id, k -> new WorkerStats(this, lockingKey, name, now));
        }
        w.seen(now);
        return w;
    }

    Now now() {
        return now;
    }

    /** Workers kept now. */
    public int size() {
        return workers.size();
    }

    public int maxWorkers() {
        return maxWorkers;
    }

    /** Channels opened while the table was full (their workers are not listed). */
    public long untracked() {
        return untracked.sum();
    }

    /**
     * Ticker: moves the slots on to {@code nowMs} (clearing each slot before it is written to
     * again), forgets workers unseen for a day, and makes room when the table is full.
     */
    public void advance(long nowMs) {
        long next = nowMs / Window.TICK_MS;
        long from = now.tick();
        if (next > from) {
            // an hour of ticks clears every slot; more steps than that change nothing
            long start = Math.max(from + 1, next - Window.ONE_HOUR.lengthMs() / Window.TICK_MS - 1);
            for (WorkerStats w : workers.values()) {
                for (long t = start; t <= next; t++) w.clearFor(t);
            }
        }
        now = Now.at(Math.max(next, from), nowMs);
        if (next <= from) return; // the rest once a tick (10 s): a scan of every worker
        workers.values().removeIf(w -> {
            boolean old = nowMs - w.lastSeenMs() > FORGET_AFTER_MS;
            if (old) w.forget();
            return old;
        });
        if (workers.size() >= maxWorkers) {
            List<Map.Entry<Id, WorkerStats>> all = new ArrayList<>(workers.entrySet());
            all.sort(Comparator.comparingLong(e -> e.getValue().lastSeenMs()));
            int drop = all.size() - (int) (maxWorkers * REFILL_TO);
            for (int i = 0; i < drop; i++) {
                all.get(i).getValue().forget();
                workers.remove(all.get(i).getKey(), all.get(i).getValue());
            }
        }
    }

    /** One row of the worker table. */
    public record Row(String lockingKey, String name, @JsonProperty("hashrate_1m") double hashrate1m,
            @JsonProperty("hashrate_10m") double hashrate10m, @JsonProperty("hashrate_1h") double hashrate1h, long accepted,
            long rejected, Long lastShareUnixMs, long quotes, double ecash, long firstSeenUnixMs) {}

    /** One page of rows. */
    public record PageOf(long total, int page, int size, String sort, String order, String search, List<Row> workers) {}

    /** The sort keys a page accepts (the row's field names in the JSON). */
    public static final List<String> SORTS = List.of("hashrate_1m", "hashrate_10m", "hashrate_1h", "accepted", "rejected",
            "last_share_unix_ms", "quotes", "ecash", "name", "locking_key", "first_seen_unix_ms");

    /**
     * Rows matching {@code search} (a locking key's prefix or a part of a worker name, any case;
     * empty: all), sorted by {@code sort} (one of {@link #SORTS}), page {@code page} of {@code size}.
     */
    public PageOf page(int page, int size, String sort, boolean descending, String search) {
        long now = clock.millis();
        String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        for (WorkerStats w : workers.values()) {
            if (q.isEmpty() || w.lockingKey.startsWith(q) || w.name.toLowerCase(Locale.ROOT).contains(q)) rows.add(row(w, now));
        }
        Comparator<Row> c = comparator(sort);
        rows.sort(descending ? c.reversed() : c);
        int from = (int) Math.min(rows.size(), (long) page * size);
        int to = Math.min(rows.size(), from + size);
        return new PageOf(rows.size(), page, size, sort, descending ? "desc" : "asc", q, List.copyOf(rows.subList(from, to)));
    }

    /** The rows of every worker mining to {@code lockingKey} (lowercase hex), by name. */
    public List<Row> byKey(String lockingKey) {
        long now = clock.millis();
        List<Row> rows = new ArrayList<>();
        for (WorkerStats w : workers.values()) {
            if (w.lockingKey.equals(lockingKey)) rows.add(row(w, now));
        }
        rows.sort(Comparator.comparing(Row::name));
        return rows;
    }

    private static Row row(WorkerStats w, long now) {
        long last = w.lastShareMs();
        return new Row(w.lockingKey, w.name, w.hashrate(Window.ONE_MINUTE, now), w.hashrate(Window.TEN_MINUTES, now),
                w.hashrate(Window.ONE_HOUR, now), w.acceptedCount(), w.rejectedCount(), last == 0 ? null : last, w.quotesCount(), w.ecash(),
                w.firstSeenMs);
    }

    private static Comparator<Row> comparator(String sort) {
        Comparator<Row> byName = Comparator.comparing(Row::name).thenComparing(Row::lockingKey);
        Comparator<Row> primary = switch (sort) {
            case "hashrate_1m" -> Comparator.comparingDouble(Row::hashrate1m);
            case "hashrate_10m" -> Comparator.comparingDouble(Row::hashrate10m);
            case "hashrate_1h" -> Comparator.comparingDouble(Row::hashrate1h);
            case "accepted" -> Comparator.comparingLong(Row::accepted);
            case "rejected" -> Comparator.comparingLong(Row::rejected);
            case "last_share_unix_ms" -> Comparator.comparingLong(r -> r.lastShareUnixMs() == null ? 0 : r.lastShareUnixMs());
            case "quotes" -> Comparator.comparingLong(Row::quotes);
            case "ecash" -> Comparator.comparingDouble(Row::ecash);
            case "locking_key" -> Comparator.comparing(Row::lockingKey);
            case "first_seen_unix_ms" -> Comparator.comparingLong(Row::firstSeenUnixMs);
            case "name" -> byName;
            default -> throw new IllegalArgumentException("unknown sort " + sort);
        };
        return primary.thenComparing(byName);
    }
}
