package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;

/** Bad input at every endpoint: always a 4xx JSON answer with a detail, never a 5xx, and the mint keeps serving. */
class MintGarbageTest {
    @TempDir
    static Path dir;
    static EmbeddedMint mint;
    static TestWallet wallet;

    static final List<String> POSTS = List.of("/v1/mint/ehash", "/v1/mint/ehash/batch", "/v1/mint/quote/ehash",
        "/v1/mint/quote/ehash/check", "/v1/swap", "/v1/checkstate");
    static final String B = "02" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"; // G: on the curve
    static final String OFF = "02" + "00".repeat(31) + "05";                                          // x = 5: no point

    @BeforeAll
    static void start() throws Exception {
        mint = EmbeddedMint.start(Config.of(Map.of("data.dir", dir.toString(), "mint.http.listen", "127.0.0.1:0")));
        wallet = new TestWallet(mint.httpAddress());
    }

    @AfterAll
    static void stop() {
        mint.close();
    }

    static List<String> bodies() {
        String id = "\"01" + "00".repeat(32) + "\"";
        List<String> b = new ArrayList<>(List.of(
            "", "{", "}", "[]", "null", "42", "\"text\"", "{\"a\":1}{}", "{\"quote\":1}", "{\"quote\":\"q\",\"quote\":\"r\"}",
            "{\"quote\":\"q\"}", "{\"quote\":\"q\",\"outputs\":{}}", "{\"quote\":\"q\",\"outputs\":[]}",
            "{\"quote\":\"q\",\"outputs\":[1,2]}", "{\"quote\":\"q\",\"outputs\":[{}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":\"1\",\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":1.5,\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":-1,\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":3,\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":99999999999999999999999999999,\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":1e400,\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":1,\"id\":" + id + ",\"B_\":\"" + OFF + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":1,\"id\":" + id + ",\"B_\":\"04" + "11".repeat(32) + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":1,\"id\":" + id + ",\"B_\":\"zz" + "11".repeat(32) + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":1,\"id\":" + id + ",\"B_\":\"02\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":1,\"id\":7,\"B_\":\"" + B + "\"}]}",
            "{\"quote\":\"q\",\"outputs\":[{\"amount\":1,\"id\":" + id + ",\"B_\":\"" + B + "\"}],\"signature\":5}",
            "{\"quotes\":\"q\"}", "{\"quotes\":[]}", "{\"quotes\":[1]}", "{\"quotes\":[null]}", "{\"quotes\":[\"a\",\"a\"]}",
            "{\"quotes\":[\"a\"],\"quote_amounts\":[\"x\"],\"outputs\":[]}",
            "{\"quotes\":[\"a\"],\"quote_amounts\":{},\"outputs\":[{\"amount\":1,\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"quotes\":[\"a\"],\"signatures\":7,\"outputs\":[{\"amount\":1,\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"inputs\":[{\"amount\":1,\"id\":" + id + ",\"secret\":\"s\",\"C\":\"" + OFF + "\"}],\"outputs\":[{\"amount\":1,\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"inputs\":[{\"amount\":1,\"id\":" + id + ",\"secret\":5,\"C\":\"" + B + "\"}],\"outputs\":[]}",
            "{\"inputs\":[{\"amount\":1,\"id\":" + id + ",\"secret\":\"s\",\"C\":\"" + B + "\"}],\"outputs\":[{\"amount\":1,\"id\":" + id + ",\"B_\":\"" + B + "\"}]}",
            "{\"Ys\":[\"" + OFF + "\"]}", "{\"Ys\":[1]}", "{\"Ys\":\"x\"}", "{\"Ys\":[]}",
            "[" .repeat(5000) + "]".repeat(5000),
            "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}",
            "{\"\u0000\":\"\ud800\"}", "\u00ff\u00fe garbage"));
        StringBuilder many = new StringBuilder("{\"Ys\":[");
        for (int i = 0; i < 1001; i++) many.append(i == 0 ? "" : ",").append('"').append(B).append('"');
        b.add(many.append("]}").toString());
        StringBuilder outs = new StringBuilder("{\"quote\":\"q\",\"outputs\":[");
        for (int i = 0; i < 1001; i++) outs.append(i == 0 ? "" : ",").append("{\"amount\":1,\"id\":" + id + ",\"B_\":\"" + B + "\"}");
        b.add(outs.append("]}").toString());
        return b;
    }

    @Test
    void everyPostEndpointAnswersGarbageWith400() throws Exception {
        for (String path : POSTS) {
            for (String body : bodies()) {
                TestWallet.Response r = wallet.postRaw(path, body.getBytes(StandardCharsets.UTF_8));
                String what = path + " <- " + (body.length() > 120 ? body.substring(0, 120) + "…" : body) + " -> " + r.body();
                assertEquals(400, r.status(), what);
                assertTrue(r.body().get("detail").isTextual() && !r.body().get("detail").asText().isEmpty(), what);
                assertTrue(r.body().get("code").isInt(), what);
                assertTrue(!r.body().toString().contains("Exception") && !r.body().toString().contains("\tat "), what);
            }
        }
    }

    @Test
    void randomBytesNeverGetA5xx() throws Exception {
        Random random = new Random(42);
        for (String path : POSTS) {
            for (int i = 0; i < 20; i++) {
                byte[] junk = new byte[random.nextInt(300)];
                random.nextBytes(junk);
                TestWallet.Response r = wallet.postRaw(path, junk);
                assertEquals(400, r.status(), path + " -> " + r.body());
            }
        }
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        byte[] big = new byte[Json.MAX_BODY_BYTES + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        TestWallet.Response r = wallet.postRaw("/v1/swap", big);
        assertEquals(400, r.status());
        assertTrue(r.body().get("detail").asText().contains("larger than"), r.body().toString());
    }

    @Test
    void oversizedChunkedBodyIsRefusedWithoutContentLength() throws Exception {
        // a raw HTTP/1.1 request with chunked encoding and no Content-Length
        try (Socket s = new Socket(mint.httpAddress().getAddress(), mint.httpAddress().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /v1/checkstate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 20; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException e) {
                // the server may close before we finish writing: that is a refusal too
            }
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 400", head);
        }
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        TestWallet.Response r = wallet.get("/v1/nothing");
        assertEquals(404, r.status());
        assertTrue(r.body().get("detail").isTextual());
        assertEquals(405, wallet.get("/v1/swap").status());
        assertEquals(405, wallet.postRaw("/v1/keys", "{}".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(400, wallet.get("/v1/mint/quote/ehash/" + "x".repeat(5000)).status());
        assertEquals(12001, wallet.get("/v1/keys/" + "zz").code());
        assertEquals(404, wallet.get("/v1/mint/quote/bolt11/abc").status());
    }

    @Test
    void stillServingAfterTheGarbage() throws Exception {
        everyPostEndpointAnswersGarbageWith400();
        JsonNode info = wallet.get("/v1/info").body();
        assertEquals("sharemint", info.get("name").asText());
    }
}
