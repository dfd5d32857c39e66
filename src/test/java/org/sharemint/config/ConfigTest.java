package org.sharemint.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaultsMatchTheDesignTable() throws Exception {
        Config c = Config.of(Map.of());
        assertEquals("127.0.0.1:34254", c.string("pool.listen"));
        assertEquals(34254, c.address("pool.listen").getPort());
        assertTrue(c.bool("pool.noise"));
        assertEquals(5000, c.intValue("share.mint-timeout-ms"));
        assertEquals("jdbc:sqlite:./data/mint.db", c.string("mint.db.url"));
    }

    @Test
    void badValueNamesKeyAndExpectedForm() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.of(Map.of("pool.listen", "abc")));
        assertEquals("pool.listen: expected HOST:PORT, got \"abc\"", e.getMessage());
        e = assertThrows(ConfigException.class, () -> Config.of(Map.of("share.batch-size", "0")));
        assertTrue(e.getMessage().startsWith("share.batch-size: expected an integer in [1, "), e.getMessage());
        e = assertThrows(ConfigException.class, () -> Config.of(Map.of("pool.noise", "yes")));
        assertEquals("pool.noise: expected true or false, got \"yes\"", e.getMessage());
        e = assertThrows(ConfigException.class, () -> Config.of(Map.of("ehash.default-locking-key", "02ab")));
        assertTrue(e.getMessage().startsWith("ehash.default-locking-key: expected"), e.getMessage());
    }

    @Test
    void unknownKeyIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.of(Map.of("pool.lisen", "1.2.3.4:1")));
        assertTrue(e.getMessage().startsWith("pool.lisen: unknown key"), e.getMessage());
    }

    @Test
    void dataDirIsSubstituted() throws Exception {
        assertEquals("jdbc:sqlite:/tmp/x/mint.db", Config.of(Map.of("data.dir", "/tmp/x")).string("mint.db.url"));
    }

    @Test
    void shippedPropertiesFileHasEveryKeyWithItsDefault() throws Exception {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(Path.of("etc", "sharemint.properties"))) {
            p.load(r);
        }
        for (Key k : Keys.ALL) {
            assertEquals(k.defaultValue(), p.getProperty(k.name()), "etc/sharemint.properties: " + k.name());
        }
        assertEquals(Keys.ALL.size(), p.size(), "etc/sharemint.properties has keys the program does not know");
        String text = Files.readString(Path.of("etc", "sharemint.properties"));
        for (Key k : Keys.ALL) assertTrue(text.contains("# " + k.meaning() + "\n" + k.name() + "="), "comment for " + k.name());
    }

    @Test
    void fileThenCommandLine() throws Exception {
        Path f = Files.createTempFile("sharemint", ".properties");
        Files.writeString(f, "pool.listen=127.0.0.1:4000\nshare.batch-size=5\n");
        Config c = org.sharemint.CommandLine.parse(java.util.List.of("--config=" + f, "--share.batch-size=7")).config();
        assertEquals(4000, c.address("pool.listen").getPort());
        assertEquals(7, c.intValue("share.batch-size"));
    }
}
