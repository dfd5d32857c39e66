package org.sharemint.mint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.config.Config;
import org.sharemint.http.RawHttp;

/**
 * Requests no wallet sends, on real sockets: broken chunked bodies, bad URIs, conflicting or too
 * many headers get a Cashu JSON 4xx (never HTML, never silence); stalled or trickled request lines,
 * headers and bodies are closed after the configured deadlines; open connections are bounded.
 */
class MintHttpHostileTest {
    static final Duration ANSWER = Duration.ofSeconds(10);
    /** The deadlines below are 1.5-2 s: a close must come well before this even on a loaded machine. */
    static final Duration CLOSED = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static EmbeddedMint mint;

    @BeforeAll
    static void start() throws Exception {
        mint = start(dir, Map.of("mint.http.idle-timeout-ms", "1500", "mint.http.header-timeout-ms", "2000"));
    }

    static EmbeddedMint start(Path dataDir, Map<String, String> settings) throws Exception {
        Map<String, String> m = new HashMap<>(settings);
        m.put("data.dir", dataDir.toString());
        m.put("mint.http.listen", "127.0.0.1:0");
        return EmbeddedMint.start(Config.of(m));
    }

    @AfterAll
    static void stop() {
        mint.close();
    }

    static RawHttp connect(EmbeddedMint m) throws Exception {
        return RawHttp.connect(m.httpAddress(), ANSWER);
    }

    static RawHttp.Reply exchange(String request) throws Exception {
        try (RawHttp c = connect(mint)) {
            c.send(request);
            return c.read();
        }
    }

    @Test
    void brokenChunkedBodyGetsA400AndTheConnectionCloses() throws Exception {
        for (String chunk : List.of("zz\r\n{}\r\n0\r\n\r\n", "fffffffffffffffffff\r\n{}\r\n0\r\n\r\n", "2\r\n{}XX3\r\n")) {
            try (RawHttp c = connect(mint)) {
                c.send("POST /v1/swap HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk);
                RawHttp.Reply r = c.read();
                assertNotNull(r, chunk + ": closed without an answer");
                assertEquals(400, r.status(), chunk + " -> " + r);
                assertTrue(r.isCashuError(), chunk + " -> " + r);
                assertTrue(c.closedWithin(CLOSED), chunk + ": the connection stays open");
            }
        }
    }

    @Test
    void errorsOfTheHttpLayerAreCashuJson() throws Exception {
        StringBuilder big = new StringBuilder("GET /v1/info HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 250; i++) big.append("X-Filler-").append(i).append(": ").append("v".repeat(40)).append("\r\n");
        List<String> requests = List.of(
            "GET // HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/%ff%fe HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /v1/info HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "POST /v1/swap HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            "POST /v1/swap HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /v1/swap HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "POST /v1/swap HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
            "GET /v1/info HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n",
            "GET /v1/info HTTP/1.1\r\nHost: x\r\n Folded: header\r\n\r\n",
            big.append("\r\n").toString());
        for (String request : requests) {
            String what = request.length() > 100 ? request.substring(0, 100) + "…" : request;
            RawHttp.Reply r = exchange(request);
            assertNotNull(r, what + ": closed without an answer");
            assertTrue(r.status() >= 400 && r.status() < 500, what + " -> " + r);
            assertTrue(r.isCashuError(), what + " -> " + r);
            assertFalse(r.body().contains("<"), what + " -> " + r);
        }
    }

    @Test
    void manySmallHeadersAreAnswered() throws Exception {
        StringBuilder b = new StringBuilder("GET /v1/info HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 201; i++) b.append("X-").append(i).append(": v\r\n");
        RawHttp.Reply r = exchange(b.append("\r\n").toString());
        assertNotNull(r, "closed without an answer");
        assertTrue(r.status() == 200 || (r.status() >= 400 && r.status() < 500 && r.isCashuError()), r.toString());
    }

    @Test
    void stalledRequestLineHeadersAndBodyAreClosed() throws Exception {
        for (String stalled : List.of("GET /v1/in", "GET /v1/info HTTP/1.1\r\nHost: x\r\n",
                "POST /v1/swap HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"in",
                "POST /v1/swap HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"in")) {
            try (RawHttp c = connect(mint)) {
                c.send(stalled);
                assertTrue(c.closedWithin(CLOSED), stalled + ": still open");
            }
        }
    }

    @Test
    void trickledHeadersAreClosedAtTheHeaderDeadline() throws Exception {
        // one byte every 300 ms: never idle for the 1.5 s idle timeout, so only the 2 s header deadline ends it
        assertTrue(trickled("GET /v1/info HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(1000)), "a trickled head is served forever");
    }

    @Test
    void trickledBodyIsClosed() throws Exception {
        // the default floor of 1024 bytes/s on a body: 3 bytes/s is below it
        assertTrue(trickled("POST /v1/swap HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n{\"inputs\":" + " ".repeat(1990)),
            "a trickled body is read forever");
    }

    /** Sends the first bytes of {@code text} at once, then one every 300 ms; true when the server closed within {@link #CLOSED}. */
    static boolean trickled(String text) throws Exception {
        try (RawHttp c = connect(mint)) {
            int head = text.indexOf("\r\n") + 2;
            c.send(text.substring(0, head));
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = head; i < text.length(); i++) {
                        Thread.sleep(300);
                        c.send(text.substring(i, i + 1));
                    }
                } catch (Exception e) {
                    // closed by the server: what the test waits for
                }
            });
            try {
                return c.closedWithin(CLOSED);
            } finally {
                writer.interrupt();
            }
        }
    }

    @Test
    void openConnectionsAreBounded(@TempDir Path other) throws Exception {
        try (EmbeddedMint small = start(other, Map.of("mint.http.max-connections", "4", "mint.http.idle-timeout-ms", "60000",
                "mint.http.header-timeout-ms", "60000"))) {
            List<RawHttp> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    RawHttp c = connect(small);
                    c.send("GET /v1/in");
                    stalled.add(c);
                }
                try (RawHttp fifth = RawHttp.connect(small.httpAddress(), Duration.ofSeconds(3))) {
                    fifth.send("GET /v1/info HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertThrows(SocketTimeoutException.class, fifth::read, "a fifth connection was served beside four open ones");
                    stalled.removeFirst().close();
                    fifth.socket.setSoTimeout((int) CLOSED.toMillis());
                    RawHttp.Reply r = fifth.read();
                    assertNotNull(r);
                    assertEquals(200, r.status(), r.toString());
                }
            } finally {
                for (RawHttp c : stalled) c.close();
            }
        }
    }

    @Test
    void stillServingAfterAll() throws Exception {
        RawHttp.Reply r = exchange("GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, r.status());
        assertEquals("sharemint", r.json().get("name").asText());
    }

}
