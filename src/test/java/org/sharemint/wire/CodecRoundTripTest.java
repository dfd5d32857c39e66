package org.sharemint.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every message with seeded random field values: encode, decode, compare (the records compare
 * arrays by content) and re-encode to the same bytes; every truncation and an extra byte fail
 * with a WireException and nothing else.
 */
class CodecRoundTripTest {
    private static final int PER_KIND = 250;

    @Test
    void generatorCoversEveryKnownMessage() {
        Set<Integer> known = new HashSet<>();
        for (int ext : new int[] {Extensions.CORE, Extensions.NEGOTIATION, Extensions.EHASH}) {
            for (int type = 0; type < 256; type++) {
                if (Codec.isKnown(ext, type)) {
                    known.add(ext << 8 | type);
                }
            }
        }
        Set<Integer> generated = new HashSet<>();
        RandomMessages gen = new RandomMessages(1, true);
        for (int kind = 0; kind < RandomMessages.KINDS; kind++) {
            Message m = gen.next(kind);
            generated.add(m.extension() << 8 | m.msgType());
        }
        assertEquals(known, generated);
        assertEquals(RandomMessages.KINDS, known.size());
    }

    @Test
    void randomMessagesRoundTrip() throws Exception {
        RandomMessages gen = new RandomMessages(0x5EED_0001L, false);
        int cases = 0;
        for (int kind = 0; kind < RandomMessages.KINDS; kind++) {
            for (int i = 0; i < PER_KIND; i++) {
                Message m = gen.next(kind);
                byte[] bytes = Codec.toBytes(m);
                Message back = Codec.fromBytes(bytes);
                assertEquals(m, back, "kind " + kind + " case " + i);
                assertEquals(m.hashCode(), back.hashCode());
                assertArrayEquals(bytes, Codec.toBytes(back), () -> "re-encoded " + back);

                Frame f = Codec.encode(m);
                assertArrayEquals(Arrays.copyOfRange(bytes, Frame.HEADER_BYTES, bytes.length), f.payload());
                assertEquals(m, Codec.decode(f));
                cases++;
            }
        }
        assertEquals(RandomMessages.KINDS * PER_KIND, cases);
    }

    @Test
    void everyTruncationAndAnExtraByteFail() throws Exception {
        RandomMessages gen = new RandomMessages(0x5EED_0002L, true);
        for (int kind = 0; kind < RandomMessages.KINDS; kind++) {
            for (int i = 0; i < 12; i++) {
                Frame f = Codec.encode(gen.next(kind));
                byte[] p = f.payload();
                for (int len = 0; len < p.length; len++) {
                    Frame cut = new Frame(f.extensionType(), f.msgType(), Arrays.copyOf(p, len));
                    assertThrows(WireException.class, () -> Codec.decode(cut), "kind " + kind + " cut at " + len);
                }
                byte[] longer = Arrays.copyOf(p, p.length + 1);
                longer[p.length] = (byte) gen.random().nextInt();
                assertThrows(WireException.class, () -> Codec.decode(new Frame(f.extensionType(), f.msgType(), longer)));
            }
        }
    }

    /** A stream cut anywhere inside a frame is a WireException; cut before it, a clean EOF. */
    @Test
    void frameStreamCutAnywhere() throws Exception {
        RandomMessages gen = new RandomMessages(0x5EED_0003L, true);
        for (int kind = 0; kind < RandomMessages.KINDS; kind++) {
            byte[] bytes = Codec.toBytes(gen.next(kind));
            assertThrows(EOFException.class, () -> reader(new byte[0]).read());
            for (int len = 1; len < bytes.length; len++) {
                byte[] cut = Arrays.copyOf(bytes, len);
                assertThrows(WireException.class, () -> reader(cut).read(), "kind " + kind + " cut at " + len);
            }
            assertEquals(Codec.fromBytes(bytes), Codec.decode(reader(bytes).read()));
        }
    }

    private static FrameReader reader(byte[] b) {
        return new FrameReader(new ByteArrayInputStream(b), Frame.MAX_PAYLOAD);
    }
}
