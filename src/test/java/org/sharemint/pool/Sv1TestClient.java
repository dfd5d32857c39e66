package org.sharemint.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Stratum V1 miner for tests, written from the protocol's public descriptions (the Slush pool
 * "Stratum mining protocol" page, the Bitcoin wiki's Stratum page and BIP310), not from the
 * pool's code: JSON-RPC lines, mining.notify's fields, and the header a miner hashes — coinbase
 * = coinb1 + extranonce1 + extranonce2 + coinb2, merkle root folded over the branch, prevhash
 * with each 32-bit word byte-swapped back, version/ntime/nbits/nonce little-endian, and share
 * target = 0xffff * 2^208 / difficulty.
 */
final class Sv1TestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final BigDecimal DIFF1 = new BigDecimal(BigInteger.valueOf(0xffff).shiftLeft(208));

    private final Socket socket;
    private final OutputStream out;
    private final AtomicInteger nextId = new AtomicInteger(1);
    /** Everything the pool sent, in order. */
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final Thread reader;
    volatile boolean eof;
    volatile String extranonce1;
    volatile int extranonce2Size;
    private long extranonce2Counter = 1;

    Sv1TestClient(InetSocketAddress pool) throws IOException {
        socket = new Socket(pool.getAddress(), pool.getPort());
        out = socket.getOutputStream();
        reader = Thread.ofVirtual().start(this::read);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = JSON.readTree(line);
                if ("mining.set_extranonce".equals(n.path("method").asText())) {
                    // the new extranonce1 holds for the jobs that follow it
                    extranonce1 = n.get("params").get(0).asText();
                    extranonce2Size = n.get("params").get(1).asInt();
                }
                received.add(n);
            }
        } catch (IOException e) {
            // closed
        } finally {
            eof = true;
        }
    }

    /** Writes raw bytes (for malformed input tests). */
    void raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sends a call and returns its id without waiting. */
    int send(String method, Object... params) throws IOException {
        int id = nextId.getAndIncrement();
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("method", method);
        o.set("params", JSON.valueToTree(params));
        raw(JSON.writeValueAsString(o) + "\n");
        return id;
    }

    JsonNode response(int id) {
        for (JsonNode n : received) {
            if (n.path("id").isInt() && n.get("id").asInt() == id && (n.has("result") || n.has("error"))) return n;
        }
        return null;
    }

    JsonNode awaitResponse(int id) {
        Sv2TestClient.waiting().until(() -> response(id) != null || eof);
        JsonNode r = response(id);
        if (r == null) throw new AssertionError("connection closed before the answer to " + id);
        return r;
    }

    JsonNode call(String method, Object... params) throws IOException {
        return awaitResponse(send(method, params));
    }

    /** The error code of an answer, or 0 when it has none. */
    static int errorCode(JsonNode response) {
        JsonNode e = response.get("error");
        return e == null || e.isNull() ? 0 : e.get(0).asInt();
    }

    void subscribe() throws IOException {
        JsonNode r = call("mining.subscribe", "test-miner/1.0");
        if (errorCode(r) != 0) throw new AssertionError("subscribe: " + r);
        extranonce1 = r.get("result").get(1).asText();
        extranonce2Size = r.get("result").get(2).asInt();
    }

    int notifications(String method) {
        int n = 0;
        for (JsonNode m : received) if (method.equals(m.path("method").asText())) n++;
        return n;
    }

    JsonNode lastNotification(String method) {
        JsonNode last = null;
        for (JsonNode m : received) if (method.equals(m.path("method").asText())) last = m;
        return last;
    }

    JsonNode awaitJob() {
        Sv2TestClient.waiting().until(() -> lastNotification("mining.notify") != null && lastNotification("mining.set_difficulty") != null);
        return lastNotification("mining.notify").get("params");
    }

    BigInteger shareTarget() {
        double d = lastNotification("mining.set_difficulty").get("params").get(0).asDouble();
        return DIFF1.divide(new BigDecimal(d), 0, RoundingMode.DOWN).toBigInteger();
    }

    /** A solution to the latest job: its submit params and its hash as a number. */
    record Share(String jobId, String extranonce2, String ntime, String nonce, String versionBits, BigInteger hash, BigInteger networkTarget) {
        Object[] params(String worker) {
            return versionBits == null ? new Object[] {worker, jobId, extranonce2, ntime, nonce}
                    : new Object[] {worker, jobId, extranonce2, ntime, nonce, versionBits};
        }
    }

    /** Searches nonces until the hash meets the share target (or, with {@code miss}, meets neither it nor the network's). */
    Share find(boolean miss, Integer rolledVersionBits, int versionMask) {
        JsonNode job = awaitJob();
        BigInteger target = shareTarget();
        String en2 = String.format("%0" + (2 * extranonce2Size) + "x", extranonce2Counter++);
        byte[] coinbase = HEX.parseHex(job.get(2).asText() + extranonce1 + en2 + job.get(3).asText());
        byte[] root = sha256d(coinbase);
        for (JsonNode branch : (ArrayNode) job.get(4)) root = sha256d(concat(root, HEX.parseHex(branch.asText())));
        byte[] prev = HEX.parseHex(job.get(1).asText());
        for (int i = 0; i < 32; i += 4) reverse(prev, i, 4);
        int version = (int) Long.parseLong(job.get(5).asText(), 16);
        if (rolledVersionBits != null) version = (version & ~versionMask) | (rolledVersionBits & versionMask);
        int nbits = (int) Long.parseLong(job.get(6).asText(), 16);
        int ntime = (int) Long.parseLong(job.get(7).asText(), 16);
        BigInteger network = BigInteger.valueOf(nbits & 0x00ffffff).shiftLeft(8 * ((nbits >>> 24) - 3));
        for (int nonce = 0; nonce < 50_000_000; nonce++) {
            byte[] header = concat(le(version), prev, root, le(ntime), le(nbits), le(nonce));
            byte[] h = sha256d(header);
            reverse(h, 0, 32);
            BigInteger value = new BigInteger(1, h);
            if (miss ? value.compareTo(target) > 0 && value.compareTo(network) > 0 : value.compareTo(target) <= 0) {
                return new Share(job.get(0).asText(), en2, job.get(7).asText(), String.format("%08x", nonce),
                        rolledVersionBits == null ? null : String.format("%08x", rolledVersionBits), value, network);
            }
        }
        throw new AssertionError("no share found");
    }

    Share find() {
        return find(false, null, 0);
    }

    private static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static void reverse(byte[] b, int off, int len) {
        for (int i = 0; i < len / 2; i++) {
            byte t = b[off + i];
            b[off + i] = b[off + len - 1 - i];
            b[off + len - 1 - i] = t;
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] r = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }

    private static byte[] sha256d(byte[] b) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return d.digest(d.digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
