package org.sharemint.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;

/** Byte fixtures: hex strings with spaces and a '|' between header and payload. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", "").replace("|", ""));
    }

    static String hexOf(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] fill(int value, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    /** 0x00, 0x01, ... 0x1f. */
    static byte[] counting32() {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** The message encodes to exactly these frame bytes, and the bytes decode to an equal message, both APIs. */
    static void assertFrame(Message m, String frameHex) throws WireException {
        byte[] bytes = hex(frameHex);
        assertArrayEquals(bytes, Codec.toBytes(m), "toBytes " + m);
        assertEquals(m, Codec.fromBytes(bytes), "fromBytes");

        Frame f = Codec.encode(m);
        assertEquals((bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8, f.extensionType(), "extension_type");
        assertEquals(bytes[2] & 0xFF, f.msgType(), "msg_type");
        assertArrayEquals(Arrays.copyOfRange(bytes, Frame.HEADER_BYTES, bytes.length), f.payload(), "payload");
        assertEquals(m, Codec.decode(f), "decode(Frame)");
        assertEquals(m.hashCode(), Codec.decode(f).hashCode(), "hashCode");
    }
}
