package org.sharemint.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.sharemint.bitcoin.BlockReader;

/**
 * A stand-in for Bitcoin Core's JSON-RPC on a real HTTP socket: getblocktemplate (long polls
 * held until the template changes), getbestblockhash and submitblock (recorded). Its template
 * holds three real transactions (of mainnet block 100000) and one made-up segwit transaction,
 * with the witness commitment Bitcoin Core would compute. It can go away and come back on the
 * same port, and answer badly on request.
 */
public final class FakeBitcoind implements AutoCloseable {
    public static final String USER = "pooluser";
    public static final String PASSWORD = "s3cret-pass";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** How getblocktemplate answers. */
    public enum Mode { GOOD, BAD_HEX, MALFORMED_JSON, RPC_ERROR, IMPOSSIBLE_VALUES }

    public record Tx(byte[] data, byte[] txid, byte[] wtxid) {}

    private final Random random = new Random(7);
    private final int port;
    private HttpServer server;
    private final Object lock = new Object();
    private int height = 200;
    private byte[] prevHash = new byte[32]; // internal order
    private long coinbaseValue = 5_000_012_345L;
    private int longPoll = 1;
    private volatile Mode mode = Mode.GOOD;
    private final List<Tx> txs = new ArrayList<>();
    public final List<byte[]> submitted = new CopyOnWriteArrayList<>();
    public final AtomicInteger templateCalls = new AtomicInteger();
    public final AtomicInteger bestHashCalls = new AtomicInteger();
    public final List<String> authHeaders = new CopyOnWriteArrayList<>();

    public FakeBitcoind(List<Tx> txs) throws IOException {
        random.nextBytes(prevHash);
        this.txs.addAll(txs);
        server = bind(0);
        port = server.getAddress().getPort();
    }

    /** Three transactions of block 100000 and one segwit transaction made up here. */
    public static List<Tx> defaultTxs() throws IOException {
        byte[] raw;
        try (InputStream in = FakeBitcoind.class.getResourceAsStream("/blocks/block100000.hex")) {
            raw = HEX.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
        List<Tx> list = new ArrayList<>();
        int off = 81 + 135;
        for (int len : new int[] {259, 257, 225}) {
            byte[] d = java.util.Arrays.copyOfRange(raw, off, off + len);
            list.add(new Tx(d, BlockReader.sha256d(d), BlockReader.sha256d(d)));
            off += len;
        }
        list.add(segwitTx(new Random(3)));
        return list;
    }

    /** version 2, marker, flag, one input with an empty scriptSig, one OP_TRUE output, one 72-byte witness item. */
    public static Tx segwitTx(Random r) {
        byte[] prevout = new byte[32];
        r.nextBytes(prevout);
        byte[] wit = new byte[72];
        r.nextBytes(wit);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        body.writeBytes(prevout);
        body.writeBytes(new byte[] {0, 0, 0, 0});
        body.write(0);
        body.writeBytes(new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        body.write(1);
        body.writeBytes(new byte[] {0x10, 0x27, 0, 0, 0, 0, 0, 0});
        body.write(1);
        body.write(0x51);
        byte[] version = {2, 0, 0, 0};
        byte[] lock = {0, 0, 0, 0};
        ByteArrayOutputStream witness = new ByteArrayOutputStream();
        witness.write(1);
        witness.write(72);
        witness.writeBytes(wit);
        byte[] stripped = cat(version, body.toByteArray(), lock);
        byte[] full = cat(version, new byte[] {0, 1}, body.toByteArray(), witness.toByteArray(), lock);
        return new Tx(full, BlockReader.sha256d(stripped), BlockReader.sha256d(full));
    }

    private HttpServer bind(int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 50);
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.createContext("/", this::handle);
        s.start();
        return s;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops answering: the port is closed (connections refused). */
    public void goAway() {
        synchronized (lock) {
            if (server != null) server.stop(0);
            server = null;
            lock.notifyAll();
        }
    }

    /** Listens again on the same port. */
    public void comeBack() throws IOException {
        synchronized (lock) {
            if (server == null) server = bind(port);
        }
    }

    public void mode(Mode m) {
        mode = m;
        synchronized (lock) {
            longPoll++;
            lock.notifyAll();
        }
    }

    /** A new block on the network: next height, a new tip; long polls answer. */
    public void newBlock() {
        byte[] next = new byte[32];
        synchronized (lock) {
            random.nextBytes(next);
        }
        newBlock(next);
    }

    /** A new block whose hash (internal order) the caller chose. */
    public void newBlock(byte[] hash) {
        synchronized (lock) {
            height++;
            prevHash = hash.clone();
            longPoll++;
            lock.notifyAll();
        }
    }

    public int height() {
        synchronized (lock) {
            return height;
        }
    }

    public byte[] prevHash() {
        synchronized (lock) {
            return prevHash.clone();
        }
    }

    public long coinbaseValue() {
        return coinbaseValue;
    }

    public List<Tx> txs() {
        return List.copyOf(txs);
    }

    /** The commitment script Bitcoin Core's default_witness_commitment holds for these transactions. */
    public byte[] witnessCommitmentScript() {
        List<byte[]> wtxids = new ArrayList<>();
        wtxids.add(new byte[32]);
        for (Tx t : txs) wtxids.add(t.wtxid());
        byte[] commitment = BlockReader.sha256d(cat(BlockReader.merkleRoot(wtxids), new byte[32]));
        return cat(HEX.parseHex("6a24aa21a9ed"), commitment);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authHeaders.add(String.valueOf(auth));
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode req = JSON.readTree(ex.getRequestBody());
            ObjectNode answer = JSON.createObjectNode();
            answer.set("id", req.get("id"));
            answer.putNull("error");
            String method = req.path("method").asText();
            switch (method) {
                case "getbestblockhash" -> {
                    bestHashCalls.incrementAndGet();
                    answer.put("result", HEX.formatHex(BlockReader.reversed(prevHash())));
                }
                case "getblocktemplate" -> {
                    templateCalls.incrementAndGet();
                    String id = req.path("params").path(0).path("longpollid").asText(null);
                    Mode m = awaitChange(id);
                    if (m == Mode.MALFORMED_JSON) {
                        respond(ex, 200, "{\"result\": {\"version\": ".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    if (m == Mode.RPC_ERROR) {
                        answer.putNull("result");
                        answer.putObject("error").put("code", -10).put("message", "Bitcoin Core is in initial sync and waiting for blocks...");
                        respond(ex, 500, JSON.writeValueAsBytes(answer));
                        return;
                    }
                    answer.set("result", template(m));
                }
                case "submitblock" -> {
                    submitted.add(HEX.parseHex(req.path("params").path(0).asText()));
                    answer.putNull("result");
                }
                default -> {
                    answer.putNull("result");
                    answer.putObject("error").put("code", -32601).put("message", "Method not found");
                }
            }
            respond(ex, 200, JSON.writeValueAsBytes(answer));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A long poll waits until the longpollid changes (or 20 s pass, or the fake goes away). */
    private Mode awaitChange(String id) throws InterruptedException {
        synchronized (lock) {
            long end = System.nanoTime() + 20_000_000_000L;
            while (id != null && id.equals("lp-" + longPoll) && server != null) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) break;
                lock.wait(left);
            }
            return mode;
        }
    }

    private ObjectNode template(Mode m) {
        synchronized (lock) {
            ObjectNode t = JSON.createObjectNode();
            t.put("version", 0x20000000);
            t.putArray("rules").add("csv").add("!segwit").add("taproot");
            t.put("previousblockhash", HEX.formatHex(BlockReader.reversed(prevHash)));
            ArrayNode list = t.putArray("transactions");
            for (Tx x : txs) {
                ObjectNode o = list.addObject();
                o.put("data", m == Mode.BAD_HEX ? "zz" + HEX.formatHex(x.data()) : HEX.formatHex(x.data()));
                o.put("txid", HEX.formatHex(BlockReader.reversed(x.txid())));
                o.put("hash", HEX.formatHex(BlockReader.reversed(x.wtxid())));
                o.putArray("depends");
                o.put("fee", 1000);
                o.put("sigops", 4);
                o.put("weight", 4 * x.data().length);
            }
            t.put("coinbasevalue", m == Mode.IMPOSSIBLE_VALUES ? -5 : coinbaseValue);
            t.put("longpollid", "lp-" + longPoll);
            t.put("target", "7fffff0000000000000000000000000000000000000000000000000000000000");
            t.put("mintime", 1_700_000_000L);
            t.put("curtime", System.currentTimeMillis() / 1000);
            t.put("mutable", "time");
            t.put("noncerange", "00000000ffffffff");
            t.put("sigoplimit", 80000);
            t.put("sizelimit", 4000000);
            t.put("weightlimit", 4000000);
            t.put("bits", "207fffff");
            t.put("height", height);
            t.put("default_witness_commitment", HEX.formatHex(witnessCommitmentScript()));
            return t;
        }
    }

    private static void respond(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    @Override
    public void close() {
        goAway();
    }
}
