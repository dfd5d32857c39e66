package org.sharemint.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key sharemint knows, with its default. The names are a public interface
 * (scripts and deployments use them); etc/sharemint.properties documents each one in place.
 */
public final class Keys {
    private static final long MAX_MS = 86_400_000L;
    private static final ValueType ADDRESS = new ValueType.HostPort();
    private static final ValueType BOOL = new ValueType.Bool();
    private static final ValueType TEXT = new ValueType.Text();

    public static final List<Key> ALL = List.of(
        new Key("data.dir", "./data", TEXT, "ledger, mint seed, authority keys"),
        new Key("pool.listen", "127.0.0.1:34254", ADDRESS, "SV2 listener for miners"),
        new Key("pool.noise", "true", BOOL, "Noise NX on the miner listener; false = plaintext (LAN, tests, bench)"),
        new Key("pool.max-connections", "100000", new ValueType.Int(1, 10_000_000), "accepted sockets beyond it are closed at once"),
        new Key("pool.max-frame-bytes", "1048576", new ValueType.Int(64, 16_777_215), "larger declared frames close the connection"),
        new Key("pool.setup-timeout-ms", "10000", new ValueType.Int(100, MAX_MS), "a connection that has not finished handshake and SetupConnection by then is closed"),
        new Key("pool.outbound-limit-bytes", "4194304", new ValueType.Int(4096, 1L << 30), "bytes queued to a peer that does not read before it is closed"),
        new Key("pool.cert-validity-s", "3600", new ValueType.Int(60, 10L * 365 * 86400), "validity window of the Noise certificate the pool signs"),
        new Key("pool.tag", "/sharemint/", TEXT, "tag written into the coinbase of every job"),
        new Key("pool.max-invalid-shares-per-s", "20", new ValueType.Int(1, 10_000_000), "invalid submits (and refused requests) a second a connection may send beyond its burst before it is closed"),
        new Key("pool.invalid-shares-burst", "200", new ValueType.Int(1, 10_000_000), "invalid submits a connection may send at once (stale shares after a new block)"),
        new Key("pool.max-channels-per-connection", "64", new ValueType.Int(1, 1_000_000), "channels one connection may open; beyond it OpenMiningChannel.Error too-many-channels (a proxy: its miner count)"),
        new Key("pool.frame-timeout-ms", "5000", new ValueType.Int(100, MAX_MS), "a frame that has started must be whole within it, or the connection is closed (quiet between frames is fine)"),
        new Key("pool.max-handshakes-in-progress", "256", new ValueType.Int(1, 10_000_000), "Noise handshakes computing or waiting their turn at once; beyond it a connection is closed at once"),
        new Key("pool.max-handshakes-per-s", "1000", new ValueType.Int(1, 10_000_000), "Noise handshakes started a second; beyond it they wait their turn (up to pool.setup-timeout-ms)"),
        new Key("pool.misbehaviour-delay-ms", "2000", new ValueType.Int(0, MAX_MS), "after a connection is closed for misbehaviour, new connections from its address wait this long before they are served (0: no wait)"),
        new Key("pool.descriptor-reserve", "128", new ValueType.Int(0, 1_000_000), "file descriptors kept free for the ledger, HTTP API and monitor: miner connections are capped below the process limit by this many (0: no cap)"),
        new Key("pool.sv1.listen", "", new ValueType.HostPortOrEmpty(), "Stratum V1 listener for miners (empty = off; make run uses 127.0.0.1:3333)"),
        new Key("channel.shares-per-minute", "6", new ValueType.Int(1, 60_000), "vardiff aim per channel"),
        new Key("channel.min-difficulty", "1", new ValueType.Decimal(1e-12, 1e18), "lowest difficulty a channel's target may have (a ceiling on the target); below 1 for tests and CPU demos"),
        new Key("share.mint-timeout-ms", "5000", new ValueType.Int(1, MAX_MS), "deadline of a pending share"),
        new Key("share.queue-capacity", "65536", new ValueType.Int(2, 1 << 26), "bound of the pool -> mint queue"),
        new Key("share.batch-size", "1", new ValueType.Int(1, 65_535), "shares per SubmitShares.Success"),
        new Key("share.batch-max-delay-ms", "100", new ValueType.Int(0, MAX_MS), "longest a success waits for its batch"),
        new Key("share.reply-mode", "deferred", new ValueType.Choice(List.of("deferred", "bench-immediate-ack")), "deferred = answer when the quote is durable; bench-immediate-ack answers without the mint (benchmarks only)"),
        new Key("jobs.source", "synthetic", new ValueType.Choice(List.of("synthetic", "bitcoind", "template-provider")),
            "synthetic (built-in chain for demo/test/bench), bitcoind (getblocktemplate) or template-provider (SV2 Template Distribution)"),
        new Key("jobs.block-interval-ms", "600000", new ValueType.Int(100, MAX_MS), "how often the synthetic chain moves to a new prev hash"),
        new Key("jobs.refresh-ms", "30000", new ValueType.Int(100, MAX_MS), "how often a new job (min_ntime set) is sent between blocks"),
        new Key("jobs.network", "mainnet", new ValueType.Choice(List.of("mainnet", "testnet4", "signet", "regtest")), "the network pool.payout-address belongs to"),
        new Key("pool.payout-address", "", TEXT, "address the coinbase pays (bech32, bech32m or base58); required for bitcoind and template-provider"),
        new Key("jobs.bitcoind.url", "http://127.0.0.1:8332", TEXT, "Bitcoin Core JSON-RPC (http://HOST:PORT)"),
        new Key("jobs.bitcoind.cookie-file", "", TEXT, "the node's .cookie file; empty = jobs.bitcoind.user and jobs.bitcoind.password"),
        new Key("jobs.bitcoind.user", "", TEXT, "RPC user (rpcauth) when there is no cookie file"),
        new Key("jobs.bitcoind.password", "", TEXT, "RPC password (never logged)"),
        new Key("jobs.tp.address", "127.0.0.1:8442", ADDRESS, "SV2 Template Provider to connect to (jobs.source=template-provider)"),
        new Key("jobs.tp.authority-key", "", TEXT, "the Template Provider's Noise authority public key (base58check)"),
        new Key("ehash.min-leading-zeros", "0", new ValueType.Int(0, 255), "m in amount = 2^(z - m)"),
        new Key("ehash.require-locking-key", "true", BOOL, "refuse channels with no NUT-20 key"),
        new Key("ehash.default-locking-key", "", new ValueType.PubkeyOrEmpty(), "pool-wide NUT-20 key for channels that give none"),
        new Key("mint.mode", "embedded", new ValueType.Choice(List.of("embedded", "remote")), "embedded (same process) or remote (mint link)"),
        new Key("mint.link.address", "127.0.0.1:34260", new ValueType.HostPorts(),
            "the mint command listens here for pools; a pool with mint.mode=remote connects here (several, comma-separated: the first that answers, the next when it fails)"),
        new Key("mint.link.noise", "true", BOOL, "Noise NX on the mint link, the mint as responder; false = plaintext on both sides (LAN, tests, bench)"),
        new Key("mint.link.authority-key", "", TEXT, "pool side: the mint's Noise authority public key (base58check; the mint command prints it at start)"),
        new Key("mint.http.listen", "127.0.0.1:3338", ADDRESS, "Cashu HTTP API"),
        new Key("mint.http.max-connections", "512", new ValueType.Int(1, 1_000_000), "open HTTP connections at most; beyond it new ones wait in the kernel's backlog, so the API cannot take the descriptors miners need"),
        new Key("mint.http.idle-timeout-ms", "30000", new ValueType.Int(100, MAX_MS), "an HTTP connection that sends nor receives a byte for this long (stalled request line, headers or body; idle keep-alive) is closed"),
        new Key("mint.http.header-timeout-ms", "10000", new ValueType.Int(100, MAX_MS), "an HTTP request whose request line and headers are not complete this long after they started is closed"),
        new Key("mint.http.max-header-bytes", "8192", new ValueType.Int(1024, 1 << 20), "request line plus headers of an HTTP request at most; larger gets 431"),
        new Key("mint.http.min-body-bytes-per-s", "1024", new ValueType.Int(0, 1L << 30), "an HTTP body read more slowly than this on average gets 408 (0 = no floor)"),
        new Key("mint.db.url", "jdbc:sqlite:${data.dir}/mint.db", TEXT, "ledger (JDBC URL; PostgreSQL for scale)"),
        new Key("mint.db.password", "", TEXT, "password for a database server in mint.db.url (empty: the environment variable SHAREMINT_DB_PASSWORD, else none); never logged"),
        new Key("mint.name", "sharemint", TEXT, "name the mint gives in /v1/info"),
        new Key("mint.keyset-id-version", "2", new ValueType.Choice(List.of("1", "2")), "keyset id version of new keysets"),
        new Key("mint.input-fee-ppk", "0", new ValueType.Int(0, 100_000), "swap fee per input in parts per thousand (NUT-02 input_fee_ppk) of new keysets"),
        new Key("mint.keyset-final-expiry-days", "0", new ValueType.Int(0, 36_500),
            "NUT-02 final_expiry of new keysets, in days after their creation (0 = none); past it the mint signs no outputs with the keyset, its proofs still swap"),
        new Key("monitor.listen", "127.0.0.1:9464", ADDRESS, "/metrics and /health"),
        new Key("monitor.max-workers", "10000", new ValueType.Int(1, 1_000_000), "workers the dashboard and /api/v1/workers keep (about 0.5 kB each); one unseen for a day is forgotten"),
        new Key("shutdown.drain-ms", "30000", new ValueType.Int(0, MAX_MS), "how long shutdown waits for pending shares"));

    public static final Map<String, Key> BY_NAME;

    static {
        Map<String, Key> m = new LinkedHashMap<>();
        for (Key k : ALL) m.put(k.name(), k);
        BY_NAME = Map.copyOf(m);
    }

    private Keys() {}

    /** The keys with defaults and meanings, for the commands' --help. */
    public static String help() {
        return help(ALL);
    }

    /** Only the keys {@code names} (those a command reads), in the order of {@link #ALL}. */
    public static String help(String... names) {
        List<String> wanted = List.of(names);
        for (String n : wanted) if (!BY_NAME.containsKey(n)) throw new IllegalArgumentException("no such key: " + n);
        return help(ALL.stream().filter(k -> wanted.contains(k.name())).toList());
    }

    private static String help(List<Key> keys) {
        StringBuilder b = new StringBuilder("configuration keys (--KEY=VALUE or in --config=FILE):\n");
        for (Key k : keys) {
            b.append(String.format("  %-28s %-34s %s%n", k.name(), k.defaultValue().isEmpty() ? "(empty)" : k.defaultValue(), k.meaning()));
        }
        return b.toString();
    }
}
