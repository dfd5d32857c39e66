package org.sharemint.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sharemint.wire.Fixtures.hex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    /** Counts the bytes handed out, to prove what was (not) read. */
    private static final class CountingStream extends InputStream {
        private final ByteArrayInputStream in;
        int consumed;

        CountingStream(byte[] b) {
            in = new ByteArrayInputStream(b);
        }

        @Override
        public int read() {
            int v = in.read();
            consumed += v < 0 ? 0 : 1;
            return v;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, len);
            consumed += Math.max(n, 0);
            return n;
        }
    }

    @Test
    void readsConsecutiveFramesThenCleanEof() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(out);
        w.write(Codec.encode(new SubmitSharesStandard(1, 0, 1, 0x12345678, 0x5f5e1000, 0x20000000)));
        w.write(Codec.encode(new SubmitSharesError(1, 5, "stale-share")));
        w.write(new Frame(0x0000, 0x7f, new byte[0]));
        byte[] stream = out.toByteArray();
        assertArrayEquals(hex("00 80 1a 18 00 00 | 01 00 00 00 00 00 00 00 01 00 00 00 78 56 34 12 00 10 5e 5f 00 00 00 20"
                + "00 80 1d 14 00 00 | 01 00 00 00 05 00 00 00 0b 73 74 61 6c 65 2d 73 68 61 72 65"
                + "00 00 7f 00 00 00"), stream);

        FrameReader r = new FrameReader(new ByteArrayInputStream(stream), 1 << 20);
        assertEquals(new SubmitSharesStandard(1, 0, 1, 0x12345678, 0x5f5e1000, 0x20000000), Codec.decode(r.read()));
        assertEquals(new SubmitSharesError(1, 5, "stale-share"), Codec.decode(r.read()));
        Frame empty = r.read();
        assertEquals(0x7f, empty.msgType());
        assertEquals(0, empty.payload().length);
        assertThrows(EOFException.class, r::read);
    }

    @Test
    void overLimitFrameIsRejectedBeforeThePayloadIsRead() {
        byte[] stream = new byte[6 + 4096];
        System.arraycopy(hex("00 80 1a ff ff ff"), 0, stream, 0, 6); // declares 16 MB
        CountingStream in = new CountingStream(stream);
        FrameReader r = new FrameReader(in, 1 << 20);
        WireException e = assertThrows(WireException.class, r::read);
        assertEquals("frame of 16777215 bytes exceeds limit 1048576 (extension 0x8000, type 0x1a)", e.getMessage());
        assertEquals(6, in.consumed, "nothing read past the header");
    }

    @Test
    void frameAtTheLimitIsAccepted() throws Exception {
        byte[] stream = new byte[6 + 100];
        System.arraycopy(hex("00 00 7f 64 00 00"), 0, stream, 0, 6);
        assertEquals(100, new FrameReader(new ByteArrayInputStream(stream), 100).read().payload().length);
        assertThrows(WireException.class, () -> new FrameReader(new ByteArrayInputStream(stream), 99).read());
    }

    @Test
    void endInsideAFrameIsAWireException() {
        WireException e = assertThrows(WireException.class,
                () -> new FrameReader(new ByteArrayInputStream(hex("00 80 1a")), 1024).read());
        assertEquals("stream ended after 3 of 6 header bytes", e.getMessage());
        e = assertThrows(WireException.class,
                () -> new FrameReader(new ByteArrayInputStream(hex("00 80 1a 18 00 00 01 02")), 1024).read());
        assertEquals("stream ended after 2 of 24 payload bytes", e.getMessage());
    }

    @Test
    void writerRefusesImpossibleHeaders() {
        FrameWriter w = new FrameWriter(new ByteArrayOutputStream());
        assertThrows(IllegalArgumentException.class, () -> w.write(new Frame(0x10000, 0, new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> w.write(new Frame(0, 256, new byte[0])));
    }
}
