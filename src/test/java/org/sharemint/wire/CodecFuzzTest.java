package org.sharemint.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded garbage into the decoder and the frame reader: the only failure allowed is a
 * WireException (EOFException too, for a stream that ends between frames). Whatever does decode
 * must re-encode to exactly the bytes it came from: the decoder accepts one encoding per value.
 */
class CodecFuzzTest {
    /** (extension_type with the right channel bit, msg_type) of every known message. */
    private static final List<int[]> KNOWN = known();

    private static List<int[]> known() {
        List<int[]> out = new ArrayList<>();
        RandomMessages gen = new RandomMessages(7, true);
        for (int kind = 0; kind < RandomMessages.KINDS; kind++) {
            Frame f = Codec.encode(gen.next(kind));
            out.add(new int[] {f.extensionType(), f.msgType()});
        }
        return out;
    }

    @Test
    void randomPayloadsRaiseOnlyWireException() {
        Random rnd = new Random(0xF022_0001L);
        int decoded = 0;
        for (int i = 0; i < 100_000; i++) {
            int ext;
            int type;
            if (rnd.nextInt(4) != 0) {
                int[] k = KNOWN.get(rnd.nextInt(KNOWN.size()));
                ext = rnd.nextInt(10) == 0 ? k[0] ^ Frame.CHANNEL_BIT : k[0];
                type = k[1];
            } else {
                ext = rnd.nextInt(0x10000);
                type = rnd.nextInt(0x100);
            }
            byte[] payload = new byte[rnd.nextInt(8) == 0 ? rnd.nextInt(600) : rnd.nextInt(60)];
            rnd.nextBytes(payload);
            decoded += tryDecode(new Frame(ext, type, payload), "random #" + i) ? 1 : 0;
        }
        // fixed-size messages of the right length decode: proof the loop reached the decoders
        assertTrue(decoded > 100, "decoded " + decoded);
    }

    @Test
    void mutatedEncodingsRaiseOnlyWireException() {
        RandomMessages gen = new RandomMessages(0xF022_0002L, true);
        Random rnd = gen.random();
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            Frame f = Codec.encode(gen.next());
            byte[] p = mutate(f.payload(), rnd);
            decoded += tryDecode(new Frame(f.extensionType(), f.msgType(), p), "mutation #" + i) ? 1 : 0;
        }
        assertTrue(decoded > 500, "decoded " + decoded);
    }

    @Test
    void frameReaderOverRandomStreams() throws IOException {
        Random rnd = new Random(0xF022_0003L);
        RandomMessages gen = new RandomMessages(0xF022_0004L, true);
        int frames = 0;
        for (int i = 0; i < 3_000; i++) {
            byte[] stream = randomStream(rnd, gen);
            FrameReader r = new FrameReader(new ByteArrayInputStream(stream), rnd.nextInt(400));
            while (true) {
                Frame f;
                try {
                    f = r.read();
                } catch (EOFException | WireException e) {
                    break;
                } catch (IOException | RuntimeException e) {
                    throw new AssertionError("stream #" + i + ": " + e, e);
                }
                frames++;
                tryDecode(f, "stream #" + i);
            }
        }
        assertTrue(frames > 1_000, "frames " + frames);
    }

    /** Valid frames, random headers with small lengths, and raw noise, concatenated; maybe cut short. */
    private static byte[] randomStream(Random rnd, RandomMessages gen) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int parts = rnd.nextInt(6);
        for (int j = 0; j < parts; j++) {
            switch (rnd.nextInt(3)) {
                case 0 -> out.write(Codec.toBytes(gen.next()));
                case 1 -> {
                    int len = rnd.nextInt(80);
                    out.write(new byte[] {(byte) rnd.nextInt(), (byte) rnd.nextInt(), (byte) rnd.nextInt(),
                            (byte) len, 0, 0});
                    byte[] body = new byte[len];
                    rnd.nextBytes(body);
                    out.write(body);
                }
                default -> {
                    byte[] noise = new byte[rnd.nextInt(40)];
                    rnd.nextBytes(noise);
                    out.write(noise);
                }
            }
        }
        byte[] all = out.toByteArray();
        return rnd.nextBoolean() ? all : Arrays.copyOf(all, rnd.nextInt(all.length + 1));
    }

    private static byte[] mutate(byte[] p, Random rnd) {
        byte[] b = p.clone();
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int op = rnd.nextInt(4);
            if (b.length == 0 || op == 0) { // insert a byte
                int at = rnd.nextInt(b.length + 1);
                byte[] n = new byte[b.length + 1];
                System.arraycopy(b, 0, n, 0, at);
                n[at] = (byte) rnd.nextInt();
                System.arraycopy(b, at, n, at + 1, b.length - at);
                b = n;
            } else if (op == 1) { // delete a byte
                int at = rnd.nextInt(b.length);
                byte[] n = new byte[b.length - 1];
                System.arraycopy(b, 0, n, 0, at);
                System.arraycopy(b, at + 1, n, at, b.length - at - 1);
                b = n;
            } else if (op == 2) { // flip one bit
                b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
            } else { // overwrite with an extreme byte (lengths, counts, BOOL, OPTION)
                b[rnd.nextInt(b.length)] = (byte) (new int[] {0, 1, 2, 0x7f, 0x80, 0xff})[rnd.nextInt(6)];
            }
        }
        return b;
    }

    /** Decodes; true when it decoded (then it must re-encode to the same payload), false on WireException. */
    private static boolean tryDecode(Frame f, String what) {
        Message m;
        try {
            m = Codec.decode(f);
        } catch (WireException e) {
            return false;
        } catch (RuntimeException e) {
            fail(what + String.format(" (extension_type 0x%04x, type 0x%02x, payload %s): %s",
                    f.extensionType(), f.msgType(), Fixtures.hexOf(f.payload()), e), e);
            return false;
        }
        Frame again = Codec.encode(m);
        assertArrayEquals(f.payload(), again.payload(), () -> what + ": " + m + " re-encodes differently");
        assertTrue(again.extensionType() == f.extensionType() && again.msgType() == f.msgType(), what);
        return true;
    }
}
