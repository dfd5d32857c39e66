package org.sharemint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;

/**
 * The arguments after the command name: {@code --config=FILE}, {@code --help}, other
 * {@code --NAME=VALUE} options and plain words, in the order given.
 */
public record CommandLine(Map<String, String> options, List<String> words, boolean help) {

    public static CommandLine parse(List<String> args) throws ConfigException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        boolean help = false;
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                if (eq < 3) {
                    // a bare flag such as --extended means true
                    options.put(a.substring(2), "true");
                } else {
                    options.put(a.substring(2, eq), a.substring(eq + 1));
                }
            } else {
                words.add(a);
            }
        }
        return new CommandLine(options, words, help);
    }

    /** The configuration: --config=FILE (if given) and every other --KEY=VALUE as a key. */
    public Config config() throws ConfigException {
        Map<String, String> overrides = new LinkedHashMap<>(options);
        String file = overrides.remove("config");
        return Config.load(file == null ? null : Path.of(file), overrides);
    }
}
