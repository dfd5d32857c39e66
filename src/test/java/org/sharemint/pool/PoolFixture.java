package org.sharemint.pool;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.sharemint.config.Config;
import org.sharemint.crypto.Secp256k1;

/** A pool on loopback ports with a test mint; configuration tuned so shares take microseconds. */
final class PoolFixture implements AutoCloseable {
    static final String KEY_HEX = HexFormat.of().formatHex(Secp256k1.compressed(Secp256k1.mulG(BigInteger.valueOf(424242))));
    static final String IDENTITY = KEY_HEX + ".worker1";

    final TestIssuer issuer = new TestIssuer();
    final PoolServer server;

    PoolFixture(Path dataDir, Map<String, String> overrides) throws Exception {
        server = PoolServer.start(config(dataDir, overrides), issuer);
    }

    /** A test pool's settings: loopback ports, plaintext, shares found in a few hashes; then {@code overrides}. */
    static Config config(Path dataDir, Map<String, String> overrides) throws Exception {
        Map<String, String> m = new HashMap<>();
        m.put("data.dir", dataDir.toString());
        m.put("pool.listen", "127.0.0.1:0");
        m.put("monitor.listen", "127.0.0.1:0");
        m.put("pool.noise", "false");
        // difficulty 1e-9: the channel target is about 2^254, a share every few hashes
        m.put("channel.min-difficulty", "0.000000001");
        m.put("shutdown.drain-ms", "2000");
        // tests connect many peers from one address, some of them misbehaving on purpose
        m.put("pool.misbehaviour-delay-ms", "0");
        m.putAll(overrides);
        return Config.of(m);
    }

    Sv2TestClient client(boolean ehash) throws Exception {
        return Sv2TestClient.ready(server.minerAddress(), ehash);
    }

    String scrape(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            var a = server.monitorAddress();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new AssertionError(path + ": HTTP " + r.statusCode());
            return r.body();
        }
    }

    /** The value of one sample line ("name{labels} value") in the exposition. */
    static long sample(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) return Long.parseLong(line.substring(series.length() + 1).trim());
        }
        throw new AssertionError("no sample " + series + " in\n" + exposition);
    }

    @Override
    public void close() {
        issuer.open();
        server.close();
    }
}
