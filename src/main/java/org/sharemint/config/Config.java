package org.sharemint.config;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A validated configuration: the defaults of {@link Keys}, then a properties file, then
 * overrides (the command line's {@code --KEY=VALUE}, or an embedding program's map).
 * Every value has been checked against its key's form when an instance exists.
 */
public final class Config {
    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = values;
    }

    /** Defaults overridden by {@code overrides}; unknown keys and bad values are refused. */
    public static Config of(Map<String, String> overrides) throws ConfigException {
        return load(null, overrides);
    }

    /** Defaults, then {@code file} (when not null), then {@code overrides}. */
    public static Config load(Path file, Map<String, String> overrides) throws ConfigException {
        Map<String, String> merged = new HashMap<>();
        for (Key k : Keys.ALL) merged.put(k.name(), k.defaultValue());
        if (file != null) merged.putAll(readFile(file));
        merged.putAll(overrides);
        for (Map.Entry<String, String> e : merged.entrySet()) {
            Key key = Keys.BY_NAME.get(e.getKey());
            if (key == null) throw new ConfigException(e.getKey() + ": unknown key (see etc/sharemint.properties)");
            String value = e.getValue().strip();
            e.setValue(value);
            String problem = key.type().problem(value);
            if (problem != null) {
                throw new ConfigException(key.name() + ": " + problem + ", got \"" + value + "\"");
            }
        }
        String dataDir = merged.get("data.dir");
        merged.replaceAll((k, v) -> v.replace("${data.dir}", dataDir));
        return new Config(Map.copyOf(merged));
    }

    private static Map<String, String> readFile(Path file) throws ConfigException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("--config: cannot read " + file + ": " + DataDir.reason(e, file));
        }
        Map<String, String> m = new HashMap<>();
        for (String name : p.stringPropertyNames()) m.put(name, p.getProperty(name));
        return m;
    }

    /** A copy with some values replaced (validated like any other). */
    public Config with(Map<String, String> overrides) throws ConfigException {
        Map<String, String> m = new HashMap<>(values);
        m.putAll(overrides);
        return of(m);
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) throw new IllegalArgumentException("no such configuration key: " + key);
        return v;
    }

    public long longValue(String key) {
        return Long.parseLong(string(key).replace("_", ""));
    }

    public int intValue(String key) {
        return Math.toIntExact(longValue(key));
    }

    public double decimal(String key) {
        return Double.parseDouble(string(key).replace("_", ""));
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(string(key));
    }

    /** An unresolved HOST:PORT; callers resolve it when they bind or connect. */
    public InetSocketAddress address(String key) {
        InetSocketAddress a = ValueType.HostPort.parse(string(key));
        return new InetSocketAddress(a.getHostString(), a.getPort());
    }

    /** A comma-separated HOST:PORT list, unresolved, in the order given. */
    public java.util.List<InetSocketAddress> addresses(String key) {
        java.util.List<InetSocketAddress> out = new java.util.ArrayList<>();
        for (String part : string(key).split(",")) {
            InetSocketAddress a = ValueType.HostPort.parse(part.strip());
            out.add(InetSocketAddress.createUnresolved(a.getHostString(), a.getPort()));
        }
        return java.util.List.copyOf(out);
    }

    public Path path(String key) {
        return Path.of(string(key));
    }

    /** All values, sorted by key (for --help and logging; holds no secrets). */
    public Map<String, String> asMap() {
        TreeMap<String, String> m = new TreeMap<>(values);
        m.computeIfPresent("mint.db.password", (k, v) -> v.isEmpty() ? v : "***"); // the one secret a setting may hold
        return m;
    }
}
