package org.sharemint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.sharemint.config.ConfigException;

/** {@code java -jar sharemint.jar <pool|mint|miner|keygen|bench> [--config=FILE] [--KEY=VALUE ...]}. */
public final class Main {
    /** Exit code for a usage or configuration error. */
    public static final int USAGE = Command.USAGE;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        m.put("pool", new PoolCommand());
        m.put("mint", new MintCommand());
        m.put("miner", new MinerCommand());
        m.put("wallet", new WalletCommand());
        m.put("keygen", new KeygenCommand());
        m.put("bench", new BenchCommand());
        return m;
    }

    public static int run(String... args) {
        Map<String, Command> commands = commands();
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("version"))) {
            System.out.println("sharemint " + version());
            return 0;
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            System.out.print(usage(commands));
            return args.length == 0 ? USAGE : 0;
        }
        Command command = commands.get(args[0]);
        if (command == null) {
            System.err.println("sharemint: unknown command \"" + args[0] + "\"");
            System.err.print(usage(commands));
            return USAGE;
        }
        try {
            CommandLine line = CommandLine.parse(Arrays.asList(args).subList(1, args.length));
            if (line.help()) {
                System.out.print(command.help());
                return 0;
            }
            return command.run(line);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return USAGE;
        } catch (Exception e) {
            System.err.println(args[0] + ": " + e);
            org.tinylog.Logger.error(e, "{} failed", args[0]);
            return 1;
        }
    }

    /** The project's version, from the resource Maven fills in ("dev" when it is missing). */
    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    static String usage(Map<String, Command> commands) {
        StringBuilder b = new StringBuilder();
        b.append("usage: java -jar sharemint.jar <command> [--config=FILE] [--KEY=VALUE ...]\n\ncommands:\n");
        commands.forEach((name, c) -> b.append(String.format("  %-8s %s%n", name, c.summary())));
        b.append("\n<command> --help lists its options and configuration keys with their defaults; --version prints the version.\n");
        return b.toString();
    }

    /** A command that arrives with a later issue: says so and exits 2. */
    private record NotYet(String summary) implements Command {
        public String help() {
            return summary + " — not implemented yet\n";
        }

        public int run(CommandLine args) throws ConfigException {
            args.config();
            System.err.println("sharemint: this command is not implemented yet");
            return USAGE;
        }
    }
}
