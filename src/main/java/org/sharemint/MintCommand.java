package org.sharemint;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.sharemint.config.Config;
import org.sharemint.config.Keys;
import org.sharemint.config.Listeners;
import org.sharemint.link.MintLinkServer;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.metrics.MonitorServer;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.KeysetRotation;
import org.sharemint.monitor.MintView;
import org.sharemint.monitor.Monitor;
import org.sharemint.process.Signals;
import org.tinylog.Logger;

/**
 * {@code sharemint mint}: the mint alone — Cashu HTTP API on mint.http.listen, the mint link for
 * pools on mint.link.address, metrics on monitor.listen — until SIGTERM or Ctrl-C, which close it
 * (links and HTTP API stopped, ledger closed) and exit 0.
 */
final class MintCommand implements Command {
    @Override
    public String summary() {
        return "the mint alone: Cashu HTTP API and mint-link listener";
    }

    @Override
    public String help() {
        return "usage: java -jar sharemint.jar mint [rotate-keyset] [--config=FILE] [--KEY=VALUE ...]\n\n"
            + "Runs the Cashu mint (ledger in data.dir, HTTP API on mint.http.listen) and listens for pools\n"
            + "(sharemint pool --mint.mode=remote) on mint.link.address, over Noise with the authority key of\n"
            + "data.dir unless mint.link.noise=false; /metrics and /health on monitor.listen. SIGTERM or Ctrl-C\n"
            + "close it cleanly and exit 0.\n\n"
            + "mint rotate-keyset, with the mint (or the pool with its embedded mint) stopped: makes a new active\n"
            + "keyset of unit hash with mint.keyset-id-version and mint.input-fee-ppk; the old one stays usable for\n"
            + "swaps (inactive). New quotes carry the new keyset from the next start on. With\n"
            + "mint.keyset-final-expiry-days, each new keyset gets a NUT-02 final_expiry that many days ahead.\n\n"
            + "mint migrate-ledger --from=URL --to=URL, with the mint stopped: copies the ledger at --from (e.g.\n"
            + "jdbc:sqlite:data/mint.db) into the empty database at --to (e.g. jdbc:postgresql://HOST:5432/mint?user=mint;\n"
            + "password from mint.db.password or SHAREMINT_DB_PASSWORD) in one transaction and checks the counts.\n\n"
            + Keys.help("data.dir", "mint.http.listen", "mint.db.url", "mint.db.password", "mint.name", "mint.keyset-id-version", "mint.input-fee-ppk",
                "mint.keyset-final-expiry-days",
                "mint.link.address", "mint.link.noise", "monitor.listen",
                "mint.http.max-connections", "mint.http.idle-timeout-ms", "mint.http.header-timeout-ms", "mint.http.max-header-bytes",
                "mint.http.min-body-bytes-per-s");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        if (args.words().equals(List.of("migrate-ledger"))) return MigrateLedger.run(args); // --from and --to are not keys
        Config config = args.config();
        if (args.words().equals(List.of("rotate-keyset"))) {
            KeysetRotation.Result r = KeysetRotation.rotate(config, Clock.systemUTC());
            System.out.printf("active keyset %s (unit hash, input fee %d ppk, final expiry %s); %s is inactive, still accepted in swaps%n",
                r.activeId(), r.inputFeePpk(), r.finalExpiry() == null ? "none" : r.finalExpiry(), r.retiredId());
            return 0;
        }
        if (!args.words().isEmpty()) {
            System.err.println("mint: unexpected argument \"" + args.words().get(0) + "\" (see mint --help)");
            return USAGE;
        }
        MintLinkServer.checkConfig(config);
        // every listener before the mint makes anything
        Listeners.checkFree(config, "mint.http.listen", "mint.link.address", "monitor.listen");
        CountDownLatch stopped = new CountDownLatch(1);
        MetricsRegistry metrics = MetricsRegistry.forProcess(EmbeddedMint.METRICS_PREFIX, MintCommand.class);
        EmbeddedMint mint = EmbeddedMint.start(config, metrics);
        MintLinkServer link;
        MonitorServer monitor;
        try {
            link = MintLinkServer.start(config, mint, metrics);
        } catch (Exception e) {
            mint.close();
            throw e;
        }
        Monitor api = Monitor.forMint(MintView.local("standalone", mint.monitorSource(), Clock.systemUTC()), Clock.systemUTC());
        try {
            monitor = MonitorServer.start(config.address("monitor.listen"), metrics, () -> !mint.isOpen() ? "the mint is closed" : !link.listening() ? "the mint link is not listening" : null,
                api.pages());
        } catch (Exception e) {
            api.close();
            link.close();
            mint.close();
            throw e;
        }
        Logger.info("mint: metrics on http://{}:{}/metrics", monitor.address().getHostString(), monitor.address().getPort());
        Runnable close = () -> {
            link.close(); // no quote request arrives while the ledger closes
            mint.close();
            api.close();
            monitor.close();
        };
        Runnable stop = () -> {
            Logger.info("mint: shutting down");
            close.run();
            stopped.countDown();
        };
        boolean handled = Signals.onTerminate("mint-stop", stop);
        // a fallback for other ways the JVM ends (and when signals cannot be handled); each close() runs once
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("mint-shutdown-hook").unstarted(close));
        System.out.println("sharemint mint");
        System.out.println("  pools:      " + hostPort(link.address())
            + (link.authorityKey() != null ? " (Noise, authority key " + link.authorityKey() + ")" : " (plaintext)"));
        System.out.println("  cashu http: http://" + hostPort(mint.httpAddress()));
        System.out.println("  metrics:    http://" + hostPort(monitor.address()) + "/metrics");
        System.out.println("  mint api:   http://" + hostPort(monitor.address()) + "/api/v1/mint");
        System.out.flush();
        if (!handled) Logger.warn("cannot handle SIGTERM directly; relying on the shutdown hook");
        stopped.await();
        return 0;
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
