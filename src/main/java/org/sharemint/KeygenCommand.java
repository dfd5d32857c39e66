package org.sharemint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sharemint.config.Config;
import org.sharemint.config.DataDir;
import org.sharemint.config.Keys;
import org.sharemint.noise.AuthorityKey;

/**
 * {@code sharemint keygen [--force] [--config=FILE] [--data.dir=DIR]}: writes a new Noise
 * authority key pair into data.dir and prints its public key (base58check) on stdout. An
 * existing key is kept and its public key printed unless --force is given, since miners pin it.
 */
public final class KeygenCommand implements Command {
    @Override
    public String summary() {
        return "make the Noise authority key pair in data.dir and print its public key";
    }

    @Override
    public String help() {
        return "usage: java -jar sharemint.jar keygen [--force] [--config=FILE] [--data.dir=DIR]\n\n"
            + "Writes a new Noise authority key to data.dir/" + AuthorityKey.FILE_NAME + " (mode 0600) and prints its\n"
            + "public key, the text miners configure to authenticate the pool (--authority-key). When the key\n"
            + "exists already, prints its public key and changes nothing.\n"
            + "  --force   replace an existing key (miners pinned to the old public key will refuse the pool)\n\n"
            + Keys.help("data.dir");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(args.options());
        String forceValue = options.remove("force");
        boolean force = forceValue != null && !forceValue.equalsIgnoreCase("false");
        if (!args.words().isEmpty()) {
            System.err.println("keygen: unexpected argument \"" + args.words().get(0) + "\" (see keygen --help)");
            return Command.USAGE;
        }
        Config config = new CommandLine(options, args.words(), false, args.bare()).config();
        Path dataDir = config.path("data.dir");
        if (!force && Files.exists(AuthorityKey.file(dataDir))) {
            // miners pin the public key: running keygen again shows it rather than replacing it
            AuthorityKey existing = AuthorityKey.load(dataDir);
            System.err.println("keygen: " + AuthorityKey.file(dataDir) + " exists already; its public key is (--force replaces it):");
            System.out.println(existing.publicKeyBase58());
            return 0;
        }
        DataDir.make("data.dir", dataDir);
        AuthorityKey key = AuthorityKey.create(dataDir, new SecureRandom(), true);
        System.err.println("keygen: wrote " + AuthorityKey.file(dataDir));
        System.out.println(key.publicKeyBase58());
        return 0;
    }
}
