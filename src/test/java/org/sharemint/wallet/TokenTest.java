package org.sharemint.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenTest {
    static final HexFormat HEX = HexFormat.of();

    @Test
    void v4RoundTripKeepsEveryField() throws IOException {
        String ks = "01" + "ab".repeat(32);
        Proof a = new Proof(1, ks, "aa".repeat(32), HEX.parseHex("02" + "11".repeat(32)), null);
        Proof b = new Proof(8, ks, "bb".repeat(32), HEX.parseHex("03" + "22".repeat(32)),
                new Proof.Dleq(HEX.parseHex("33".repeat(32)), HEX.parseHex("44".repeat(32)), HEX.parseHex("55".repeat(32))));
        Proof c = new Proof(2, "00ad268c4d1f5826", "some secret", HEX.parseHex("02" + "66".repeat(32)), null);
        String text = new Token("http://127.0.0.1:3338", "hash", "thanks", List.of(a, b, c)).encode();
        assertTrue(text.startsWith("cashuB"));
        assertTrue(text.substring(6).chars().noneMatch(ch -> ch == '+' || ch == '/' || ch == '='), "base64url without padding");
        Token t = Token.decode(text);
        assertEquals("http://127.0.0.1:3338", t.mint());
        assertEquals("hash", t.unit());
        assertEquals("thanks", t.memo());
        assertEquals(11, t.amount());
        assertEquals(3, t.proofs().size());
        Proof b2 = t.proofs().get(1);
        assertEquals(ks, b2.keysetId());
        assertEquals(b.secret(), b2.secret());
        assertArrayEquals(b.c(), b2.c());
        assertArrayEquals(b.dleq().r(), b2.dleq().r());
        assertEquals("00ad268c4d1f5826", t.proofs().get(2).keysetId());
        assertNull(t.proofs().get(0).dleq());
    }

    /** The V4 example token of NUT-00: another implementation's bytes, read by ours. */
    @Test
    void readsTheNut00ExampleToken() throws IOException {
        String example = "cashuBo2F0gqJhaUgA_9SLj17PgGFwgaNhYQFhc3hAYWNjMTI0MzVlN2I4NDg0YzNjZjE4NTAxNDkyMThhZjkwZjcxNmE1MmJmNGE1ZWQzNDdlNDhlY2MxM2Y3NzM4OGFjWCECRFODGd5IXVW-07KaZCvuWHk3WrnnpiDhHki6SCQh88-iYWlIAK0mjE0fWCZhcIKjYWECYXN4QDEzMjNkM2Q0NzA3YTU4YWQyZTIzYWRhNGU5ZjFmNDlmNWE1YjRhYzdiNzA4ZWIwZDYxZjczOGY0ODMwN2U4ZWVhY1ghAjRWqhENhLSsdHrr2Cw7AFrKUL9Ffr1XN6RBT6w659lNo2FhAWFzeEA1NmJjYmNiYjdjYzY0MDZiM2ZhNWQ1N2QyMTc0ZjRlZmY4YjQ0MDJiMTc2OTI2ZDNhNTdkM2MzZGNiYjU5ZDU3YWNYIQJzEpxXGeWZN5qXSmJjY8MzxWyvwObQGr5G1YCCgHicY2FtdWh0dHA6Ly9sb2NhbGhvc3Q6MzMzOGF1Y3NhdA";
        Token t = Token.decode(example);
        assertEquals("http://localhost:3338", t.mint());
        assertEquals("sat", t.unit());
        assertEquals(4, t.amount());
        assertEquals("00ffd48b8f5ecf80", t.proofs().get(0).keysetId());
        assertEquals("acc12435e7b8484c3cf1850149218af90f716a52bf4a5ed347e48ecc13f77388", t.proofs().get(0).secret());
        assertEquals("0244538319de485d55bed3b29a642bee5879375ab9e7a620e11e48ba482421f3cf", t.proofs().get(0).cHex());
        assertEquals("00ad268c4d1f5826", t.proofs().get(2).keysetId());
        // and our encoding of it reads back the same
        assertEquals(t.proofs().size(), Token.decode(t.encode()).proofs().size());
    }

    @Test
    void garbageIsAnIOExceptionWithAReason() {
        assertThrows(IOException.class, () -> Token.decode("hello"));
        assertThrows(IOException.class, () -> Token.decode("cashuB!!!"));
        assertThrows(IOException.class, () -> Token.decode("cashuB" + Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xa0})));
        assertThrows(IOException.class, () -> Token.decode("cashuC" + "AAAA"));
        assertThrows(IOException.class, () -> Token.decode("cashuB" + "A".repeat(Token.MAX_CHARS)));
        // a proof whose C is not 33 bytes
        String bad = new Token("http://m", "hash", null, List.of(new Proof(1, "00aa", "s", new byte[5], null))).encode();
        IOException e = assertThrows(IOException.class, () -> Token.decode(bad));
        assertTrue(e.getMessage().contains("c"), e.getMessage());
    }
}
