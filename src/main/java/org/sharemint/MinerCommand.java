package org.sharemint;

import java.security.SecureRandom;
import java.time.Clock;
import org.sharemint.miner.Miner;
import org.sharemint.miner.MinerOptions;
import org.tinylog.Logger;
import org.tinylog.configuration.Configuration;
import org.tinylog.provider.ProviderRegistry;

/** {@code sharemint miner ...}: see {@link MinerOptions#HELP}. */
public final class MinerCommand implements Command {
    @Override
    public String summary() {
        return "the reference CPU miner and its wallet";
    }

    @Override
    public String help() {
        return MinerOptions.HELP;
    }

    @Override
    public int run(CommandLine args) throws Exception {
        if (!args.words().isEmpty()) {
            System.err.println("miner: unexpected argument \"" + args.words().get(0) + "\" (see miner --help)");
            return Command.USAGE;
        }
        MinerOptions options = MinerOptions.parse(args.options());
        // tinylog stops its writing thread in a shutdown hook of its own, which may run before
        // ours and drop the miner's last lines; so the miner's hook shuts tinylog down, last
        boolean ownLogShutdown = !Configuration.isFrozen();
        if (ownLogShutdown) Configuration.set("autoshutdown", "false");
        Miner miner = new Miner(options, Clock.systemUTC(), new SecureRandom());
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            Logger.info("stopping the miner");
            miner.close();
            if (ownLogShutdown) shutDownLogging();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        miner.run();
        return 0;
    }

    private static void shutDownLogging() {
        try {
            ProviderRegistry.getLoggingProvider().shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
