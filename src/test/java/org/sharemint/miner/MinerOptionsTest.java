package org.sharemint.miner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sharemint.config.ConfigException;

class MinerOptionsTest {
    static final String KEY = "9bXiEd8boQVhq7WddEcERUL5tyyJVFYdU8th3HfbNXK3Yw6GRXh";

    static Map<String, String> base() {
        Map<String, String> m = new HashMap<>();
        m.put("pool", "127.0.0.1:34254");
        m.put("authority-key", KEY);
        m.put("mint-url", "http://127.0.0.1:3338/");
        m.put("wallet-dir", "/tmp/w");
        return m;
    }

    static String error(Map<String, String> m) {
        return assertThrows(ConfigException.class, () -> MinerOptions.parse(m)).getMessage();
    }

    @Test
    void defaults() throws Exception {
        MinerOptions o = MinerOptions.parse(base());
        assertEquals("127.0.0.1", o.poolHost());
        assertEquals(34254, o.poolPort());
        assertEquals("76637000979c1c11af0c300bcd8c7fe48610fce9b9c11e3daee35ae0b08a7455", java.util.HexFormat.of().formatHex(o.authorityKey()));
        assertEquals("http://127.0.0.1:3338", o.mintUrl(), "trailing slash dropped, as tokens want the URL");
        assertEquals(1, o.threads());
        assertEquals("miner", o.user());
        assertFalse(o.extended());
        assertFalse(o.plaintext());
        assertTrue(o.redeem());
    }

    @Test
    void flagsAndNumbers() throws Exception {
        Map<String, String> m = base();
        m.remove("authority-key");
        m.put("plaintext", "true");
        m.put("extended", "true");
        m.put("threads", "4");
        m.put("user", "rig-7");
        m.put("no-redeem", "true");
        MinerOptions o = MinerOptions.parse(m);
        assertNull(o.authorityKey());
        assertTrue(o.plaintext() && o.extended() && !o.redeem());
        assertEquals(4, o.threads());
        assertEquals("rig-7", o.user());
    }

    @Test
    void eachMistakeNamesItsOption() {
        Map<String, String> m = base();
        m.remove("pool");
        assertTrue(error(m).contains("--pool"));
        m = base();
        m.put("pool", "nowhere");
        assertTrue(error(m).contains("--pool"));
        m = base();
        m.remove("authority-key");
        assertTrue(error(m).contains("--authority-key"));
        m = base();
        m.put("authority-key", "9bXiEd8boQVhq7WddEcERUL5tyyJVFYdU8th3HfbNXK3Yw6GRXi");
        assertTrue(error(m).contains("--authority-key"));
        m = base();
        m.put("mint-url", "ftp://x");
        assertTrue(error(m).contains("--mint-url"));
        m = base();
        m.put("threads", "0");
        assertTrue(error(m).contains("--threads"));
        m = base();
        m.put("user", "a b");
        assertTrue(error(m).contains("--user"));
        m = base();
        m.put("user", "x".repeat(MinerOptions.MAX_USER + 1));
        assertTrue(error(m).contains("--user"));
        m = base();
        m.put("extended", "yes");
        assertTrue(error(m).contains("--extended"));
        m = base();
        m.put("pool.listen", "127.0.0.1:1");
        assertTrue(error(m).contains("unknown option --pool.listen"));
    }
}
