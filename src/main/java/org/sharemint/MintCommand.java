package org.sharemint;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.sharemint.config.Config;
import org.sharemint.config.Keys;
import org.sharemint.config.Listeners;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.metrics.MonitorServer;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.mint.KeysetRotation;
import org.sharemint.process.Signals;
import org.tinylog.Logger;

/**
 * {@code sharemint mint}: the mint alone (Cashu HTTP API; the mint-link listener comes later) and
 * its /metrics and /health on monitor.listen, until SIGTERM or Ctrl-C, which close it (HTTP API
 * stopped, ledger closed) and exit 0.
 */
final class MintCommand implements Command {
    @Override
    public String summary() {
        return "the mint alone: Cashu HTTP API and mint-link listener";
    }

    @Override
    public String help() {
        return "usage: java -jar sharemint.jar mint [rotate-keyset] [--config=FILE] [--KEY=VALUE ...]\n\n"
            + "Runs the Cashu mint (ledger in data.dir, HTTP API on mint.http.listen, /metrics and /health on\n"
            + "monitor.listen) until SIGTERM or Ctrl-C, which close it cleanly and exit 0.\n\n"
            + "mint rotate-keyset, with the mint (or the pool with its embedded mint) stopped: makes a new active\n"
            + "keyset of unit hash with mint.keyset-id-version and mint.input-fee-ppk; the old one stays usable for\n"
            + "swaps (inactive). New quotes carry the new keyset from the next start on.\n\n"
            + Keys.help("data.dir", "mint.http.listen", "monitor.listen", "mint.db.url", "mint.name", "mint.keyset-id-version", "mint.input-fee-ppk",
                "mint.link.address");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        Config config = args.config();
        if (args.words().equals(List.of("rotate-keyset"))) {
            KeysetRotation.Result r = KeysetRotation.rotate(config, Clock.systemUTC());
            System.out.printf("active keyset %s (unit hash, input fee %d ppk); %s is inactive, still accepted in swaps%n",
                r.activeId(), r.inputFeePpk(), r.retiredId());
            return 0;
        }
        if (!args.words().isEmpty()) {
            System.err.println("mint: unexpected argument \"" + args.words().get(0) + "\" (see mint --help)");
            return USAGE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Listeners.checkFree(config, "mint.http.listen", "monitor.listen"); // before the mint makes anything
        MetricsRegistry metrics = MetricsRegistry.forProcess(EmbeddedMint.METRICS_PREFIX, MintCommand.class);
        EmbeddedMint mint = EmbeddedMint.start(config, metrics);
        MonitorServer monitor;
        try {
            monitor = MonitorServer.start(config.address("monitor.listen"), metrics, mint::isOpen);
        } catch (IOException | RuntimeException e) {
            mint.close();
            throw e;
        }
        Logger.info("mint: metrics on http://{}:{}/metrics", monitor.address().getHostString(), monitor.address().getPort());
        Logger.info("mint: the mint-link listener ({}) is not there yet; it comes with a later issue", config.string("mint.link.address"));
        Runnable close = () -> {
            monitor.close();
            mint.close();
        };
        Runnable stop = () -> {
            Logger.info("mint: shutting down");
            close.run();
            stopped.countDown();
        };
        boolean handled = Signals.onTerminate("mint-stop", stop);
        // a fallback for other ways the JVM ends (and when signals cannot be handled); close() runs once
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("mint-shutdown-hook").unstarted(close));
        if (!handled) Logger.warn("cannot handle SIGTERM directly; relying on the shutdown hook");
        stopped.await();
        return 0;
    }
}
