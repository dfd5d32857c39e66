package org.sharemint.sv1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stratum V1 lines: each message's encode against a fixture line, and decode of what miners send, good and bad. */
class Sv1MessagesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static String line(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Sv1Request request(String json) throws Sv1Exception {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return Sv1Request.decode(b, b.length);
    }

    @Test
    void poolToMinerLines() {
        assertEquals("{\"id\":null,\"method\":\"mining.set_difficulty\",\"params\":[0.5]}\n", line(new SetDifficulty(0.5).encode()));
        assertEquals("{\"id\":null,\"method\":\"mining.set_extranonce\",\"params\":[\"0a0b\",8]}\n",
                line(new SetExtranonce(HEX.parseHex("0a0b"), 8).encode()));
        assertEquals("{\"id\":null,\"method\":\"mining.set_version_mask\",\"params\":[\"1fffe000\"]}\n", line(new SetVersionMask(0x1fffe000).encode()));
        byte[] prev = HEX.parseHex("0001020304050607" + "00".repeat(24));
        Notify n = new Notify("1a", prev, HEX.parseHex("aa"), HEX.parseHex("bb"), List.of(HEX.parseHex("cc")), 0x20000000, 0x207fffff, 0x65000000, true);
        assertEquals("{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"1a\",\"0302010007060504" + "00".repeat(24)
                + "\",\"aa\",\"bb\",[\"cc\"],\"20000000\",\"207fffff\",\"65000000\",true]}\n", line(n.encode()));
        assertEquals("{\"id\":3,\"result\":true,\"error\":null}\n", line(Sv1Response.ok(Sv1Json.NODES.numberNode(3), true).encode()));
        assertEquals("{\"id\":\"a\",\"result\":null,\"error\":[23,\"difficulty-too-low\",null]}\n",
                line(Sv1Response.error(Sv1Json.NODES.textNode("a"), 23, "difficulty-too-low").encode()));
        assertEquals("{\"id\":1,\"result\":[[[\"mining.set_difficulty\",\"s\"],[\"mining.notify\",\"s\"]],\"0a0b\",8],\"error\":null}\n",
                line(Sv1Response.ok(Sv1Json.NODES.numberNode(1), Subscribe.result("s", "0a0b", 8)).encode()));
    }

    @Test
    void notifyRoundTripsAndSwapsThePrevHashWords() throws Exception {
        byte[] prev = new byte[32];
        for (int i = 0; i < 32; i++) prev[i] = (byte) i;
        Notify n = new Notify("ff", prev, new byte[] {1}, new byte[] {2}, List.of(new byte[32]), 1, 2, 3, false);
        byte[] line = n.encode();
        Sv1Request r = request(new String(line, StandardCharsets.UTF_8).strip());
        Notify back = Notify.decode(r.params());
        assertArrayEquals(prev, back.prevHash());
        assertEquals(n.jobId(), back.jobId());
        assertEquals(3, back.ntime());
    }

    @Test
    void minerToPoolRequests() throws Exception {
        Sv1Request r = request("{\"id\":4,\"method\":\"mining.submit\",\"params\":[\"w.1\",\"1a\",\"0000000000000001\",\"65000000\",\"deadbeef\",\"00002000\"]}");
        Submit s = Submit.decode(r.params());
        assertEquals("w.1", s.worker());
        assertEquals("1a", s.jobId());
        assertArrayEquals(HEX.parseHex("0000000000000001"), s.extranonce2());
        assertEquals(0x65000000, s.ntime());
        assertEquals(0xdeadbeef, s.nonce());
        assertEquals(0x2000, s.versionBits());
        assertEquals("{\"id\":4,\"method\":\"mining.submit\",\"params\":[\"w.1\",\"1a\",\"0000000000000001\",\"65000000\",\"deadbeef\",\"00002000\"]}\n",
                line(s.encode(r.id()).encode()));
        assertNull(Submit.decode(request("{\"id\":4,\"method\":\"mining.submit\",\"params\":[\"w\",\"1\",\"00\",\"00000000\",\"00000000\"]}").params())
                .versionBits());

        Configure c = Configure.decode(request("{\"id\":1,\"method\":\"mining.configure\",\"params\":[[\"version-rolling\",\"minimum-difficulty\"],"
                + "{\"version-rolling.mask\":\"1fffe000\",\"version-rolling.min-bit-count\":2}]}").params());
        assertEquals(0x1fffe000, c.versionMask());
        assertEquals(2, c.minBitCount());
        assertEquals("{\"version-rolling\":true,\"version-rolling.mask\":\"1fffe000\",\"minimum-difficulty\":false}", c.result(0x1fffe000).toString());

        assertEquals("a.b", Authorize.decode(request("{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"a.b\",\"x\"]}").params()).username());
        assertEquals(0.01, SuggestDifficulty.decode(request("{\"id\":2,\"method\":\"mining.suggest_difficulty\",\"params\":[0.01]}").params()).difficulty());
        assertNull(Subscribe.decode(request("{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[]}").params()).userAgent());
        assertEquals(null, request("{\"id\":1,\"method\":\"mining.subscribe\"}").params().get(0));
    }

    @Test
    void badRequests() {
        assertThrows(Sv1Exception.class, () -> request("not json"));
        assertThrows(Sv1Exception.class, () -> request("[1,2]"));
        assertThrows(Sv1Exception.class, () -> request("{\"id\":{},\"method\":\"x\"}"), "an id must be a number or a string");
        assertThrows(Sv1Exception.class, () -> request("{\"id\":\"" + "x".repeat(65) + "\",\"method\":\"x\"}"), "a long id");
        Sv1Request.BadRequest noMethod = assertThrows(Sv1Request.BadRequest.class, () -> request("{\"id\":9,\"method\":7}"));
        assertEquals(9, noMethod.id().asInt(), "answered to its id");
        assertThrows(Sv1Request.BadRequest.class, () -> request("{\"id\":9,\"method\":\"m\",\"params\":{}}"));
        assertThrows(Sv1Exception.class, () -> request("[".repeat(100) + "]".repeat(100)), "nesting is bounded");
        assertThrows(Sv1Exception.class, () -> Submit.decode(params("[\"w\",\"1\",\"zz\",\"00000000\",\"00000000\"]")), "extranonce2 not hex");
        assertThrows(Sv1Exception.class, () -> Submit.decode(params("[\"w\",\"1\",\"00\",\"0000000\",\"00000000\"]")), "ntime of 7 digits");
        assertThrows(Sv1Exception.class, () -> Submit.decode(params("[\"w\",1,\"00\",\"00000000\",\"00000000\"]")), "a number for a job id");
        assertThrows(Sv1Exception.class, () -> Submit.decode(params("[\"w\"]")));
        assertThrows(Sv1Exception.class, () -> Authorize.decode(params("[\"" + "u".repeat(257) + "\"]")));
        assertThrows(Sv1Exception.class, () -> Authorize.decode(params("[5]")));
        assertThrows(Sv1Exception.class, () -> SuggestDifficulty.decode(params("[-1]")));
        assertThrows(Sv1Exception.class, () -> Configure.decode(params("[\"version-rolling\"]")));
    }

    private static ArrayNode params(String json) throws Exception {
        return (ArrayNode) Sv1Json.MAPPER.readTree(json);
    }

    @Test
    void lineReaderBoundsALine() throws Exception {
        byte[] in = ("a\r\n\nbb\n" + "c".repeat(100) + "\n").getBytes(StandardCharsets.US_ASCII);
        LineReader r = new LineReader(new ByteArrayInputStream(in), 64);
        assertEquals(1, r.read());
        assertEquals(2, r.read(), "blank lines are skipped, CR dropped");
        assertEquals("bb", new String(r.buffer(), 0, 2, StandardCharsets.US_ASCII));
        assertThrows(LineReader.LineTooLong.class, r::read);
        assertTrue(new LineReader(new ByteArrayInputStream(new byte[0]), 64) != null);
    }
}
