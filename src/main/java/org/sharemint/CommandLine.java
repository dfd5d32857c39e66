package org.sharemint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.config.Key;
import org.sharemint.config.Keys;
import org.sharemint.config.ValueType;

/**
 * The arguments after the command name: {@code --config=FILE}, {@code --help}, other
 * {@code --NAME=VALUE} options and plain words, in the order given. A bare {@code --NAME}
 * is {@code NAME=true} (a flag) and is remembered in {@code bare}, so that an option that
 * needs a value can refuse it instead of taking "true".
 */
public record CommandLine(Map<String, String> options, List<String> words, boolean help, Set<String> bare) {

    public CommandLine(Map<String, String> options, List<String> words, boolean help) {
        this(options, words, help, Set.of());
    }

    public static CommandLine parse(List<String> args) throws ConfigException {
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> bare = new LinkedHashSet<>();
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
                    bare.add(a.substring(2));
                } else {
                    options.put(a.substring(2, eq), a.substring(eq + 1));
                    bare.remove(a.substring(2, eq));
                }
            } else {
                words.add(a);
            }
        }
        return new CommandLine(options, words, help, Set.copyOf(bare));
    }

    /**
     * The configuration: --config=FILE (if given) and every other --KEY=VALUE as a key. A bare
     * {@code --KEY} is refused unless KEY is true/false (it would set {@code data.dir} to "true").
     */
    public Config config() throws ConfigException {
        Map<String, String> overrides = new LinkedHashMap<>(options);
        for (String name : bare) {
            Key key = Keys.BY_NAME.get(name);
            boolean flag = key != null && key.type() instanceof ValueType.Bool;
            if (overrides.containsKey(name) && !flag && (key != null || name.equals("config"))) throw needsValue(name);
        }
        String file = overrides.remove("config");
        return Config.load(file == null ? null : Path.of(file), overrides);
    }

    /** The error for a bare {@code --NAME} that needs a value. */
    public static ConfigException needsValue(String name) {
        return new ConfigException("--" + name + " needs a value: --" + name + "=" + (name.equals("config") ? "FILE" : "VALUE"));
    }
}
