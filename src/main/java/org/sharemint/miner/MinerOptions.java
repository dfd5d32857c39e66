package org.sharemint.miner;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sharemint.config.ConfigException;
import org.sharemint.config.ValueType;
import org.sharemint.noise.AuthorityKey;

/**
 * The miner's own options (not configuration keys: the miner is a client with its own
 * command line). {@link #parse} checks every value and names the option that is wrong.
 *
 * @param poolHost the pool's SV2 listener host
 * @param authorityKey the pool's Noise authority x-only key (32 bytes); null with {@code plaintext}
 * @param mintUrl the mint's Cashu HTTP API, without a trailing slash
 * @param nominalHashRate the hash rate announced to the pool (H/s); 0 = measure at start
 * @param redeem false: record quotes but leave them for a later run (the crash-recovery path)
 * @param sv1 speak Stratum V1 to the pool's pool.sv1.listen (no Noise, no ShareQuote: the wallet claims by key)
 */
public record MinerOptions(
        String poolHost,
        int poolPort,
        byte[] authorityKey,
        String mintUrl,
        Path walletDir,
        int threads,
        String user,
        boolean extended,
        boolean plaintext,
        double nominalHashRate,
        int statusIntervalSeconds,
        boolean redeem,
        boolean sv1) {

    /** Longest user name that still fits user_identity (STR0_255) after the 66-hex-digit key and a dot. */
    static final int MAX_USER = 255 - 67;

    public static final String HELP = """
        usage: java -jar sharemint.jar miner --pool=HOST:PORT --authority-key=BASE58 --mint-url=URL --wallet-dir=DIR
                                             [--threads=N] [--user=NAME] [--extended] [--plaintext]
                                             [--nominal-hashrate=H] [--status-interval=S] [--no-redeem]
               java -jar sharemint.jar miner --sv1 --pool=HOST:PORT --mint-url=URL --wallet-dir=DIR [--threads=N] [--user=NAME]

        The reference Stratum V2 miner: mines the pool's jobs on the CPU, and redeems the Cashu quote
        the pool pays for every accepted share (ShareQuote) at the mint, keeping the ecash in its wallet.

          --pool=HOST:PORT        the pool's SV2 listener (pool.listen)
          --authority-key=BASE58  the pool's Noise authority public key (printed by the pool / keygen)
          --mint-url=URL          the mint's Cashu HTTP API, e.g. http://127.0.0.1:3338
          --wallet-dir=DIR        wallet database and NUT-20 locking key (made on first use)
          --threads=N             hashing threads (default 1)
          --user=NAME             user name after the key in user_identity (default "miner")
          --extended              open an extended channel and roll the extranonce (default: standard)
          --plaintext             no Noise (only for a pool started with pool.noise=false)
          --nominal-hashrate=H    hash rate (H/s) announced to the pool (default: measured at start)
          --status-interval=S     seconds between status lines (default 5)
          --no-redeem             record quotes without redeeming them; a later run redeems them
          --sv1                   mine as a Stratum V1 miner on the pool's pool.sv1.listen (e.g.
                                  127.0.0.1:3333), username <wallet key>.<user>; SV1 carries no
                                  quotes, so collect with: sharemint wallet --wallet-dir=DIR claim

        The wallet itself (balance, send, receive): java -jar sharemint.jar wallet --help
        """;

    public static MinerOptions parse(Map<String, String> options) throws ConfigException {
        Map<String, String> o = new LinkedHashMap<>(options);
        String pool = required(o, "pool");
        if (new ValueType.HostPort().check(pool) != null) throw new ConfigException("--pool: expected HOST:PORT, got \"" + pool + "\"");
        int colon = pool.lastIndexOf(':');
        String host = pool.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port = Integer.parseInt(pool.substring(colon + 1));
        if (port == 0) throw new ConfigException("--pool: port 0 is not a pool's port");

        boolean plaintext = flag(o, "plaintext");
        boolean extended = flag(o, "extended");
        boolean noRedeem = flag(o, "no-redeem");
        boolean sv1 = flag(o, "sv1");
        if (sv1) plaintext = true; // Stratum V1 has no Noise
        String keyText = o.remove("authority-key");
        byte[] authorityKey = null;
        if (keyText != null) {
            try {
                authorityKey = AuthorityKey.parsePublicKey(keyText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--authority-key: " + e.getMessage());
            }
        } else if (!plaintext) {
            throw new ConfigException("--authority-key is required (or --plaintext for a pool without Noise)");
        }
        String mintUrl = mintUrl(required(o, "mint-url"));
        Path walletDir = Path.of(required(o, "wallet-dir"));
        int threads = (int) number(o, "threads", 1, 1, 1024);
        String user = o.getOrDefault("user", "miner");
        o.remove("user");
        if (user.isEmpty() || user.length() > MAX_USER || !user.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ConfigException("--user: 1 to " + MAX_USER + " printable ASCII characters without spaces");
        }
        double hashRate = decimal(o, "nominal-hashrate");
        int status = (int) number(o, "status-interval", 5, 1, 3600);
        if (!o.isEmpty()) {
            throw new ConfigException("miner: unknown option --" + o.keySet().iterator().next() + " (see miner --help)");
        }
        return new MinerOptions(host, port, authorityKey, mintUrl, walletDir, threads, user, extended || sv1, plaintext, hashRate, status, !noRedeem, sv1);
    }

    /** A mint URL as tokens and requests use it: http(s), a host, no trailing slash. */
    public static String mintUrl(String text) throws ConfigException {
        String url = text.strip();
        while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        try {
            URI u = new URI(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new ConfigException("--mint-url: expected http(s)://HOST[:PORT][/PATH], got \"" + text + "\"");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException("--mint-url: " + e.getMessage());
        }
        return url;
    }

    private static String required(Map<String, String> o, String name) throws ConfigException {
        String v = o.remove(name);
        // a bare --NAME parses as "true": a value is missing
        if (v == null || v.isBlank() || v.equals("true")) {
            throw new ConfigException("--" + name + " is required (see --help)");
        }
        return v.strip();
    }

    private static boolean flag(Map<String, String> o, String name) throws ConfigException {
        String v = o.remove(name);
        if (v == null || v.equals("false")) return false;
        if (v.equals("true")) return true;
        throw new ConfigException("--" + name + ": a flag takes no value (or =true / =false), got \"" + v + "\"");
    }

    private static long number(Map<String, String> o, String name, long dflt, long min, long max) throws ConfigException {
        String v = o.remove(name);
        if (v == null) return dflt;
        try {
            long n = Long.parseLong(v.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new ConfigException("--" + name + ": expected an integer in [" + min + ", " + max + "], got \"" + v + "\"");
    }

    private static double decimal(Map<String, String> o, String name) throws ConfigException {
        String v = o.remove(name);
        if (v == null) return 0;
        try {
            double d = Double.parseDouble(v.strip());
            if (Double.isFinite(d) && d > 0 && d < 1e30) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException("--" + name + ": expected a positive number of hashes per second, got \"" + v + "\"");
    }
}
