package org.sharemint.mint;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.config.DataDir;
import org.sharemint.config.Listeners;
import org.sharemint.http.HttpLimits;
import org.sharemint.metrics.MetricsRegistry;
import org.tinylog.Logger;

/**
 * The Cashu mint in this process: the ledger (mint.db.url, under data.dir by default), the keysets
 * derived from the mint seed in data.dir, and the Cashu HTTP API on mint.http.listen. The pool's
 * mint worker calls {@link #createQuotes} for validated shares; wallets use the HTTP API.
 *
 * <pre>{@code
 * try (EmbeddedMint mint = EmbeddedMint.start(config)) {
 *     List<QuoteResult> results = mint.createQuotes(requests);
 * }
 * }</pre>
 */
public final class EmbeddedMint implements QuoteIssuer, AutoCloseable {
    /** The prefix of every sharemint series. */
    public static final String METRICS_PREFIX = "sharemint_";
    private final Ledger ledger;
    private final MintKeys keys;
    private final QuoteService quotes;
    private final HttpApi http;
    private final DataDir dataDir;
    private final MintMetrics metrics;
    private volatile boolean closed;

    private EmbeddedMint(DataDir dataDir, Ledger ledger, MintKeys keys, QuoteService quotes, HttpApi http, MintMetrics metrics) {
        this.dataDir = dataDir;
        this.metrics = metrics;
        this.ledger = ledger;
        this.keys = keys;
        this.quotes = quotes;
        this.http = http;
    }

    /** Starts with the system clock and a fresh {@link SecureRandom}; its metrics are not served. */
    public static EmbeddedMint start(Config config) throws IOException, ConfigException {
        return start(config, new MetricsRegistry(METRICS_PREFIX));
    }

    /**
     * Starts with the system clock and a fresh {@link SecureRandom}, registering the mint's series
     * ({@code sharemint_mint_...}: mints, swaps, proofs spent, signatures, HTTP requests, ledger
     * commit latency) in {@code metrics}, which the caller serves.
     */
    public static EmbeddedMint start(Config config, MetricsRegistry metrics) throws IOException, ConfigException {
        return start(config, metrics, Clock.systemUTC(), new SecureRandom());
    }

    /** Like {@link #start(Config, MetricsRegistry, Clock, SecureRandom)}, its metrics not served. */
    public static EmbeddedMint start(Config config, Clock clock, SecureRandom random) throws IOException, ConfigException {
        return start(config, new MetricsRegistry(METRICS_PREFIX), clock, random);
    }

    /**
     * Locks data.dir (creating it when missing) for as long as the mint is open, opens the ledger
     * (creating the database and the seed when missing), loads or creates the keysets and starts
     * the HTTP API. Nothing is created when mint.http.listen cannot bind.
     *
     * @param metrics the mint registers its series here (a name registered twice is an IllegalArgumentException)
     * @param clock quote timestamps and request deadlines are read from it
     * @param random the new seed (first start only) and quote ids come from it
     * @throws ConfigException when mint.http.listen is in use, or data.dir is a file, not writable,
     *     cannot be made or is locked by another process (one line naming the setting)
     * @throws IOException when the seed, the ledger or the HTTP port cannot be used
     */
    public static EmbeddedMint start(Config config, MetricsRegistry metrics, Clock clock, SecureRandom random)
            throws IOException, ConfigException {
        Listeners.checkFree(config, "mint.http.listen");
        DataDir dataDir = DataDir.lock(config.path("data.dir"));
        try {
            return start(config, new MintMetrics(metrics), clock, random, dataDir);
        } catch (IOException | ConfigException | RuntimeException e) {
            try {
                dataDir.close();
            } catch (IOException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
    }

    private static EmbeddedMint start(Config config, MintMetrics metrics, Clock clock, SecureRandom random, DataDir dataDir)
            throws IOException, ConfigException {
        String url = config.string("mint.db.url");
        Ledger ledger = LedgerSettings.open(config);
        ledger.timeCommits(metrics.commitLatency::observe);
        byte[] seed;
        try {
            seed = MintSeed.loadOrCreate(dataDir.path(), random);
        } catch (IOException | RuntimeException e) {
            try {
                ledger.close();
            } catch (SQLException c) {
                e.addSuppressed(c);
            }
            throw e;
        }
        MintKeys keys;
        try {
            keys = MintKeys.load(ledger, seed, config.intValue("mint.keyset-id-version"), config.intValue("mint.input-fee-ppk"),
                config.longValue("mint.keyset-final-expiry-days"), clock);
            java.util.Arrays.fill(seed, (byte) 0); // the keys are derived; the seed is not needed any more
            MintOperations mint = new MintOperations(ledger, keys, clock);
            SwapOperations swaps = new SwapOperations(ledger, keys, clock);
            List<List<Route>> routes = new ArrayList<>();
            routes.add(new KeysHandlers(keys, config.string("mint.name"), version(), clock).routes());
            routes.add(new QuoteHandlers(mint).routes());
            routes.add(new MintHandlers(mint, metrics).routes());
            routes.add(new SwapHandlers(swaps, metrics).routes());
            routes.add(new RestoreHandlers(ledger, keys).routes());
            routes.add(new QuoteLookup(ledger, keys).routes());
            List<Route> all = HttpApi.concat(routes);
            HttpApi http = HttpApi.start(config.address("mint.http.listen"), httpLimits(config), all, metrics.httpRequests(all));
            EmbeddedMint m = new EmbeddedMint(dataDir, ledger, keys, new QuoteService(ledger, keys, clock, random), http, metrics);
            Logger.info("mint: Cashu HTTP API on http://{}:{}, active keyset {} (unit {}), ledger {}",
                http.address().getHostString(), http.address().getPort(), keys.active().id(), MintKeys.UNIT, redact(url));
            return m;
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                ledger.close();
            } catch (SQLException c) {
                e.addSuppressed(c);
            }
            if (e instanceof SQLException s) throw new IOException("ledger " + redact(url) + ": " + s.getMessage(), s);
            if (e instanceof IOException io) throw io;
            throw (RuntimeException) e;
        }
    }

    /**
     * Creates the quotes of a batch in one ledger transaction; one result per request, in order.
     * After {@link #close} every request is refused with {@code mint-unavailable}.
     */
    @Override
    public List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
        if (closed) return batch.stream().map(q -> (QuoteResult) new QuoteResult.Refused(QuoteService.MINT_UNAVAILABLE)).toList();
        List<QuoteResult> results = quotes.createQuotes(batch);
        int created = 0;
        for (QuoteResult r : results) {
            if (r instanceof QuoteResult.Quote) created++;
        }
        metrics.quotesCreated.add(created);
        return results;
    }

    /**
     * What the monitor shows of this mint (/api/v1/mint): keysets, the ledger's quotes by state,
     * proofs spent, this process's counters.
     */
    public org.sharemint.monitor.MintSource monitorSource() {
        return new LedgerTotals(ledger, keys, metrics);
    }

    /** Where the HTTP API listens (the real port when mint.http.listen asked for port 0). */
    public InetSocketAddress httpAddress() {
        return http.address();
    }

    /** Hex id of the active keyset (unit {@code hash}). */
    public String activeKeysetId() {
        return keys.active().id();
    }

    /** True until {@link #close} (the mint command's /health). */
    public boolean isOpen() {
        return !closed;
    }

    /** Stops the HTTP API, then closes the ledger (a write under way finishes first), then unlocks data.dir. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        http.close();
        try {
            ledger.close();
        } catch (SQLException e) {
            Logger.error("mint: closing the ledger failed: {}", e.toString());
        }
        try {
            dataDir.close();
        } catch (IOException e) {
            Logger.error(e, "mint: unlocking {} failed", dataDir.path());
        }
        Logger.info("mint: closed");
    }

    /** The HTTP API's limits, from the {@code mint.http.*} keys. */
    static HttpLimits httpLimits(Config config) {
        return new HttpLimits(config.intValue("mint.http.max-connections"), config.longValue("mint.http.idle-timeout-ms"),
            config.longValue("mint.http.header-timeout-ms"), config.intValue("mint.http.max-header-bytes"),
            config.longValue("mint.http.min-body-bytes-per-s"));
    }

    static String version() {
        String v = EmbeddedMint.class.getPackage().getImplementationVersion();
        return "sharemint/" + (v == null ? "dev" : v);
    }

    /** A JDBC URL without its query (where a password could be). */
    static String redact(String url) {
        return LedgerSettings.redact(url);
    }
}
