package org.sharemint.pool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.sharemint.bitcoin.Network;
import org.sharemint.bitcoin.PayoutAddress;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.jobs.BitcoindRpc;
import org.sharemint.jobs.BitcoindSource;
import org.sharemint.jobs.TemplateSource;
import org.sharemint.jobs.TpSource;

/** jobs.source: makes the real source the configuration names, or null for the synthetic chain. */
final class JobSources {
    private JobSources() {}

    /** The payout script of pool.payout-address on jobs.network; a ConfigException naming the key when it is unusable. */
    static byte[] payoutScript(Config c) throws ConfigException {
        String address = c.string("pool.payout-address");
        if (address.isBlank()) throw new ConfigException("pool.payout-address: required with jobs.source=" + c.string("jobs.source"));
        try {
            return PayoutAddress.script(address, Network.of(c.string("jobs.network")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("pool.payout-address: " + e.getMessage() + " (jobs.network=" + c.string("jobs.network") + ")");
        }
    }

    /** Stops start-up early (before a mint opens its ledger) when a real source's keys are unusable. */
    static void check(Config c) throws ConfigException {
        if (!c.string("jobs.source").equals("synthetic")) open(c, null);
    }

    /** Null for jobs.source=synthetic; else the source, not yet started. */
    static TemplateJobs open(Config c, PoolMetrics metrics) throws ConfigException {
        String kind = c.string("jobs.source");
        if (kind.equals("synthetic")) return null;
        byte[] payout = payoutScript(c);
        byte[] tag = c.string("pool.tag").getBytes(StandardCharsets.UTF_8);
        if (kind.equals("bitcoind")) checkBitcoind(c);
        if (kind.equals("template-provider")) TpSource.check(c);
        if (metrics == null) return null; // only checking
        TemplateSource source = switch (kind) {
            case "bitcoind" -> bitcoind(c);
            case "template-provider" -> TpSource.fromConfig(c, payout);
            default -> throw new ConfigException("jobs.source: unknown source " + kind);
        };
        return new TemplateJobs(source, payout, tag, metrics);
    }

    private static void checkBitcoind(Config c) throws ConfigException {
        String url = c.string("jobs.bitcoind.url");
        if (!url.matches("http://[^/\\s]+:\\d{1,5}/?")) throw new ConfigException("jobs.bitcoind.url: expected http://HOST:PORT, got " + url);
        if (c.string("jobs.bitcoind.cookie-file").isBlank() && c.string("jobs.bitcoind.user").isBlank()) {
            throw new ConfigException("jobs.bitcoind.cookie-file: give the node's cookie file, or jobs.bitcoind.user and jobs.bitcoind.password");
        }
    }

    private static BitcoindSource bitcoind(Config c) {
        String url = c.string("jobs.bitcoind.url");
        String cookie = c.string("jobs.bitcoind.cookie-file");
        String user = c.string("jobs.bitcoind.user");
        BitcoindRpc rpc = new BitcoindRpc(url, cookie.isBlank() ? null : Path.of(cookie), user, c.string("jobs.bitcoind.password"));
        return new BitcoindSource(rpc, c.longValue("jobs.refresh-ms"));
    }
}
