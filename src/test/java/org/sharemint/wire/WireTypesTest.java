package org.sharemint.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.wire.Fixtures.hex;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SV2 data types on their own: limits, malformed input, and the codec's frame-level checks. */
class WireTypesTest {
    private static WireReader reader(String hex) {
        byte[] b = hex(hex);
        return new WireReader(b, 0, b.length, "Test");
    }

    @Test
    void integersAreLittleEndianAndUnsigned() throws Exception {
        WireReader r = reader("ff fe ff 01 02 03 ff ff ff ff 01 00 00 00 00 00 00 80 00 00 80 3f");
        assertEquals(0xFF, r.u8());
        assertEquals(0xFFFE, r.u16());
        assertEquals(0x030201, r.u24());
        assertEquals(0xFFFFFFFF, r.u32());
        assertEquals(0x8000000000000001L, r.u64());
        assertEquals(1.0f, r.f32());
        r.expectEnd();
        byte[] written = new WireWriter().u8(0xFF).u16(0xFFFE).u24(0x030201).u32(-1).u64(0x8000000000000001L)
                .f32(1.0f).toByteArray();
        assertArrayEquals(hex("ff fe ff 01 02 03 ff ff ff ff 01 00 00 00 00 00 00 80 00 00 80 3f"), written);
    }

    @Test
    void boolAcceptsOnlyZeroAndOne() throws Exception {
        WireReader r = reader("00 01 02");
        assertFalse(r.bool());
        assertTrue(r.bool());
        WireException e = assertThrows(WireException.class, r::bool);
        assertEquals("Test: BOOL at byte 2 is 2, not 0 or 1", e.getMessage());
    }

    @Test
    void optionCountIsZeroOrOne() throws Exception {
        assertNull(reader("00").optionU32());
        assertEquals(7, reader("01 07 00 00 00").optionU32());
        assertThrows(WireException.class, () -> reader("02 07 00 00 00").optionU32());
        assertThrows(WireException.class, () -> reader("01 07 00").optionU32());
    }

    @Test
    void lengthsAreCheckedAgainstMaximumAndRemainder() {
        byte[] b033 = new byte[34];
        b033[0] = 33;
        WireException e = assertThrows(WireException.class, () -> new WireReader(b033, 0, 34, "Test").b0_32());
        assertEquals("Test: B0_32 at byte 0 declares 33, maximum 32", e.getMessage());
        e = assertThrows(WireException.class, () -> reader("05 61 62").str0_255());
        assertEquals("Test: STR0_255 at byte 0 declares 5 bytes, 2 remain", e.getMessage());
        assertThrows(WireException.class, () -> reader("ff ff 00").b0_64k());
        assertThrows(WireException.class, () -> reader("ff ff ff 00").b0_16m());
        // 255 merkle nodes declared, none present: refused before 8 KiB is allocated
        assertThrows(WireException.class, () -> reader("ff").seq0_255U256());
        assertThrows(WireException.class, () -> reader("ff ff 00 00").seq0_64kU32());
        assertThrows(WireException.class, () -> reader("02 00 01 00").seq0_64kU16());
    }

    @Test
    void sequencesRead() throws Exception {
        assertArrayEquals(new int[] {1, 0xFFFF}, reader("02 00 01 00 ff ff").seq0_64kU16());
        assertArrayEquals(new int[] {-1}, reader("01 00 ff ff ff ff").seq0_64kU32());
        List<byte[]> nodes = reader("01 " + "ab ".repeat(32)).seq0_255U256();
        assertEquals(1, nodes.size());
        assertArrayEquals(Fixtures.fill(0xab, 32), nodes.getFirst());
    }

    @Test
    void stringsMustBeValidUtf8() throws Exception {
        assertEquals("\u00e9\u20ac\ud83d\ude00", reader("09 c3 a9 e2 82 ac f0 9f 98 80").str0_255());
        for (String bad : new String[] {"02 c3 28", "02 c0 af", "03 ed a0 80", "01 ff", "01 80", "02 e2 82"}) {
            WireException e = assertThrows(WireException.class, () -> reader(bad).str0_255(), bad);
            assertEquals("Test: STR0_255 at byte 0 is not valid UTF-8", e.getMessage());
        }
    }

    @Test
    void writerRefusesValuesOutsideTheirType() {
        WireWriter w = new WireWriter();
        assertThrows(IllegalArgumentException.class, () -> w.str0_255("x".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> w.str0_255("\u00e9".repeat(128))); // 256 UTF-8 bytes
        assertThrows(IllegalArgumentException.class, () -> w.str0_255("\ud800")); // unpaired surrogate
        assertThrows(IllegalArgumentException.class, () -> w.u8(256));
        assertThrows(IllegalArgumentException.class, () -> w.u16(70_000));
        assertThrows(IllegalArgumentException.class, () -> w.u16(-1));
        assertThrows(IllegalArgumentException.class, () -> w.u24(1 << 24));
        assertThrows(IllegalArgumentException.class, () -> w.u256(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> w.b0_32(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> w.b0_255(new byte[256]));
        assertThrows(IllegalArgumentException.class, () -> w.b0_64k(new byte[65_536]));
        assertThrows(IllegalArgumentException.class, () -> w.seq0_64kU16(new int[] {65_536}));
        assertThrows(IllegalArgumentException.class, () -> w.seq0_255U256(List.of(new byte[31])));
        assertEquals(0, w.size(), "nothing written for a refused value");
        w.str0_255("x".repeat(255)).b0_32(new byte[32]);
        assertEquals(256 + 33, w.size());
    }

    @Test
    void shortPayloadNamesTheMessageAndSizes() {
        byte[] twelve = new byte[12];
        WireException e = assertThrows(WireException.class,
                () -> Codec.decode(new Frame(0x8000, SubmitSharesStandard.MSG_TYPE, twelve)));
        assertEquals("SubmitSharesStandard: payload has 12 bytes, needs 24", e.getMessage());
    }

    @Test
    void trailingBytesAreRejected() {
        WireException e = assertThrows(WireException.class,
                () -> Codec.decode(new Frame(0x8000, ChannelEndpointChanged.MSG_TYPE, new byte[5])));
        assertEquals("ChannelEndpointChanged: payload has 5 bytes, 1 left after the last field", e.getMessage());
    }

    @Test
    void unknownMessageIsNamedInHex() {
        WireException e = assertThrows(WireException.class, () -> Codec.decode(new Frame(0xCE55, 0x07, new byte[0])));
        assertEquals("unknown message: extension 0x4e55, type 0x07", e.getMessage());
        e = assertThrows(WireException.class, () -> Codec.decode(new Frame(0x0002, 0x00, new byte[0])));
        assertEquals("unknown message: extension 0x0002, type 0x00", e.getMessage());
        assertTrue(Codec.isKnown(Extensions.EHASH, MintQuoteError.MSG_TYPE));
        assertFalse(Codec.isKnown(Extensions.CORE, 0x1e));
    }

    @Test
    void channelBitMustMatchTheMessage() {
        byte[] submit = new byte[24];
        WireException e = assertThrows(WireException.class,
                () -> Codec.decode(new Frame(0x0000, SubmitSharesStandard.MSG_TYPE, submit)));
        assertEquals("SubmitSharesStandard: channel bit is clear, must be set", e.getMessage());
        byte[] setup = Codec.encode(new SetupConnectionSuccess(2, 0)).payload();
        e = assertThrows(WireException.class,
                () -> Codec.decode(new Frame(0x8000, SetupConnectionSuccess.MSG_TYPE, setup)));
        assertEquals("SetupConnectionSuccess: channel bit is set, must be clear", e.getMessage());
    }

    @Test
    void fromBytesChecksTheDeclaredLength() {
        assertThrows(WireException.class, () -> Codec.fromBytes(hex("00 80 1c")));
        WireException e = assertThrows(WireException.class,
                () -> Codec.fromBytes(hex("00 80 03 04 00 00 | 07 00 00 00 00")));
        assertEquals("frame header declares 4 payload bytes, 5 follow", e.getMessage());
    }
}
