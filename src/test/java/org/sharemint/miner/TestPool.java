package org.sharemint.miner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.sharemint.config.Config;
import org.sharemint.pool.PoolServer;

/**
 * A pool with its embedded mint (PoolServer.start as the pool command does it) on loopback
 * ephemeral ports, Noise on unless {@code extra} says pool.noise=false, data in {@code dir}, at
 * a difficulty a CPU meets many times a second, so a test sees tens of shares in seconds.
 */
final class TestPool implements AutoCloseable {
    final PoolServer pool;
    final Path dir;

    TestPool(Path dir, Map<String, String> extra) throws Exception {
        this.dir = dir;
        Map<String, String> m = new HashMap<>();
        m.put("data.dir", dir.toString());
        m.put("pool.listen", "127.0.0.1:0");
        m.put("pool.noise", "true");
        m.put("monitor.listen", "127.0.0.1:0");
        m.put("mint.http.listen", "127.0.0.1:0");
        m.put("channel.min-difficulty", "0.000001");
        m.put("channel.shares-per-minute", "300");
        m.put("ehash.min-leading-zeros", "10");
        m.put("jobs.block-interval-ms", "3000");
        m.putAll(extra);
        pool = PoolServer.start(Config.of(m));
    }

    String poolAddress() {
        return "127.0.0.1:" + pool.minerAddress().getPort();
    }

    String mintUrl() {
        return "http://127.0.0.1:" + pool.mintHttpAddress().getPort();
    }

    /** The miner's options for this pool: one thread, the pool's authority key (or --plaintext), status every second. */
    Map<String, String> minerOptions(Path wallet, String user) {
        Map<String, String> o = new HashMap<>();
        o.put("pool", poolAddress());
        if (pool.noiseAuthorityKey() != null) {
            o.put("authority-key", pool.noiseAuthorityKey());
        } else {
            o.put("plaintext", "true");
        }
        o.put("mint-url", mintUrl());
        o.put("wallet-dir", wallet.toString());
        o.put("user", user);
        o.put("status-interval", "1");
        return o;
    }

    /** Closes the pool, and with it the embedded mint. */
    @Override
    public void close() {
        pool.close();
    }
}
