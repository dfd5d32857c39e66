package org.sharemint;

import org.sharemint.config.Config;
import org.sharemint.config.Keys;
import org.sharemint.pool.PoolServer;
import org.sharemint.process.Signals;
import org.tinylog.Logger;

/**
 * {@code sharemint pool}: the pool server with its embedded mint, until SIGTERM or Ctrl-C,
 * which shut it down gracefully (exit code 0).
 */
public final class PoolCommand implements Command {
    @Override
    public String summary() {
        return "the pool server (SV2 listener, embedded or remote mint, metrics)";
    }

    @Override
    public String help() {
        return "usage: java -jar sharemint.jar pool [--config=FILE] [--KEY=VALUE ...]\n\n"
                + "Runs the Stratum V2 pool: miners connect to pool.listen, every accepted share is paid with a\n"
                + "Cashu quote from the mint (mint.mode), metrics are served on monitor.listen. SIGTERM or Ctrl-C\n"
                + "shuts down gracefully (pending shares get up to shutdown.drain-ms) and exits 0.\n\n"
                + Keys.help();
    }

    @Override
    public int run(CommandLine args) throws Exception {
        Config config = args.config();
        PoolServer server = PoolServer.start(config);
        boolean handled = Signals.onTerminate("pool-stop", server::close);
        // a fallback for other ways the JVM ends (and when signals cannot be handled)
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pool-shutdown-hook"));
        System.out.println("sharemint pool");
        System.out.println("  miners:     " + PoolServer.hostPort(server.minerAddress())
                + (server.noiseAuthorityKey() != null ? " (Noise, authority key " + server.noiseAuthorityKey() + ")" : " (plaintext)"));
        if (server.mintHttpAddress() != null) System.out.println("  cashu http: http://" + PoolServer.hostPort(server.mintHttpAddress()));
        else System.out.println("  mint:       " + config.string("mint.link.address") + " (mint link; no Cashu HTTP API here)");
        if (server.sv1Address() != null) System.out.println("  sv1 miners: stratum+tcp://" + PoolServer.hostPort(server.sv1Address()));
        System.out.println("  metrics:    http://" + PoolServer.hostPort(server.monitorAddress()) + "/metrics");
        System.out.println("  dashboard:  http://" + PoolServer.hostPort(server.monitorAddress()) + "/ (JSON under /api/v1/)");
        System.out.flush();
        if (!handled) Logger.warn("cannot handle SIGTERM directly; relying on the shutdown hook");
        server.awaitClosed();
        return 0;
    }
}
