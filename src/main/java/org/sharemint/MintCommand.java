package org.sharemint;

import java.util.concurrent.CountDownLatch;
import org.sharemint.config.Config;
import org.sharemint.config.Keys;
import org.sharemint.mint.EmbeddedMint;
import org.sharemint.process.Signals;
import org.tinylog.Logger;

/**
 * {@code sharemint mint}: the mint alone (Cashu HTTP API; the mint-link listener comes later),
 * until SIGTERM or Ctrl-C, which close it (HTTP API stopped, ledger closed) and exit 0.
 */
final class MintCommand implements Command {
    @Override
    public String summary() {
        return "the mint alone: Cashu HTTP API and mint-link listener";
    }

    @Override
    public String help() {
        return "usage: java -jar sharemint.jar mint [--config=FILE] [--KEY=VALUE ...]\n\n"
            + "Runs the Cashu mint (ledger in data.dir, HTTP API on mint.http.listen) until SIGTERM or Ctrl-C,\n"
            + "which close it cleanly and exit 0.\n\n"
            + Keys.help("data.dir", "mint.http.listen", "mint.db.url", "mint.name", "mint.keyset-id-version", "mint.link.address");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        Config config = args.config();
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedMint mint = EmbeddedMint.start(config);
        Logger.info("mint: the mint-link listener ({}) is not there yet; it comes with a later issue", config.string("mint.link.address"));
        Runnable stop = () -> {
            Logger.info("mint: shutting down");
            mint.close();
            stopped.countDown();
        };
        boolean handled = Signals.onTerminate("mint-stop", stop);
        // a fallback for other ways the JVM ends (and when signals cannot be handled); close() runs once
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("mint-shutdown-hook").unstarted(mint::close));
        if (!handled) Logger.warn("cannot handle SIGTERM directly; relying on the shutdown hook");
        stopped.await();
        return 0;
    }
}
