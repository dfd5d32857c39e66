package org.sharemint.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The idle-friendly buffers: frames of every size through real loopback sockets, and no buffer kept once drained. */
class ElasticStreamsTest {
    private static final Random RANDOM = new Random(7);
    /** Around the 1 KiB read-ahead, the 256-byte first write buffer, the 8 KiB hint cap and the 64 KiB maximum. */
    private static final int[] SIZES = {0, 1, 250, 256, 1017, 1018, 1024, 1025, 5000, 8192, 65_530, 65_536, 70_000, 300_000, 3, 0, 40};

    private static Frame frame(int i, int length) {
        byte[] p = new byte[length];
        RANDOM.nextBytes(p);
        return new Frame(i & 0xFFFF, i & 0x7F, p);
    }

    @Test
    void framesLargerAndSmallerThanTheBuffersRoundTripAndNoBufferIsKept() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Frame> sent = new ArrayList<>();
            for (int i = 0; i < SIZES.length; i++) sent.add(frame(i, SIZES[i]));
            // the far side echoes every frame back, one flush per frame
            Future<?> echo = exec.submit(() -> {
                try (Socket s = server.accept(); PlainFrameChannel ch = new PlainFrameChannel(s.getInputStream(), s.getOutputStream(), 1 << 20)) {
                    s.setSoTimeout(10_000);
                    for (int i = 0; i < SIZES.length; i++) {
                        ch.write(ch.read());
                        ch.flush();
                    }
                    assertThrows(EOFException.class, ch::read);
                }
                return null;
            });
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                s.setSoTimeout(10_000);
                ElasticInput in = new ElasticInput(s.getInputStream());
                ElasticOutput out = new ElasticOutput(s.getOutputStream());
                PlainFrameChannel ch = new PlainFrameChannel(in, out, 1 << 20);
                // read on another thread, so neither side can block the other on a full socket
                Future<List<Frame>> echoed = exec.submit(() -> {
                    List<Frame> got = new ArrayList<>();
                    for (int i = 0; i < SIZES.length; i++) got.add(ch.read());
                    return got;
                });
                // all in one flush: the output buffer grows past its maximum and is written out in pieces
                for (Frame f : sent) ch.write(f);
                assertTrue(out.holdsBuffer());
                ch.flush();
                assertFalse(out.holdsBuffer(), "the output buffer is dropped by flush");
                List<Frame> got = echoed.get(10, TimeUnit.SECONDS);
                for (int i = 0; i < SIZES.length; i++) {
                    assertEquals(sent.get(i).extensionType(), got.get(i).extensionType());
                    assertEquals(sent.get(i).msgType(), got.get(i).msgType());
                    assertArrayEquals(sent.get(i).payload(), got.get(i).payload());
                }
                assertEquals(0, in.buffered());
                s.shutdownOutput();
                echo.get(10, TimeUnit.SECONDS);
                // the wait for the next frame (here: the end of the stream) drops the read buffer
                assertThrows(EOFException.class, ch::read);
                assertFalse(in.holdsBuffer(), "the read buffer is dropped while waiting for a frame");
            }
        }
    }

    @Test
    void readAwaitingServesBufferedBytesFirstThenReadsStraightIntoTheCaller() throws Exception {
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        ElasticInput in = new ElasticInput(new java.io.ByteArrayInputStream(data), 16);
        byte[] b = new byte[10];
        assertEquals(10, in.readNBytes(b, 0, 10)); // a buffered read: 16 bytes read ahead
        assertTrue(in.holdsBuffer());
        assertEquals(6, in.buffered());
        assertEquals(6, in.readAwaiting(b, 0, 10)); // what is buffered comes first, and only that
        assertEquals(15, b[5]);
        assertEquals(10, in.readAwaiting(b, 0, 10)); // nothing buffered: straight into b, buffer dropped
        assertFalse(in.holdsBuffer());
        assertEquals(16, b[0]);
        assertEquals(26, in.read());
        assertTrue(in.holdsBuffer());
        byte[] rest = in.readAllBytes();
        assertEquals(100 - 27, rest.length);
        assertEquals(99, rest[rest.length - 1]);
        assertEquals(-1, in.readAwaiting(b, 0, 10));
    }

    @Test
    void roomAndAdvanceWriteInPlaceAndOversizedWritesPassThrough() throws Exception {
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        ElasticOutput out = new ElasticOutput(sink, 1024);
        byte[] room = out.room(3);
        room[out.position()] = 1;
        room[out.position() + 1] = 2;
        out.advance(2);
        assertThrows(IllegalStateException.class, () -> out.advance(5000));
        byte[] big = new byte[3000];
        big[2999] = 9;
        out.write(big); // over the maximum: what is buffered goes first, then the array itself
        assertEquals(3002, sink.size());
        out.write(7);
        out.flush();
        byte[] all = sink.toByteArray();
        assertEquals(3003, all.length);
        assertEquals(2, all[1]);
        assertEquals(9, all[3001]);
        assertEquals(7, all[3002]);
        assertFalse(out.holdsBuffer());
        assertThrows(IllegalArgumentException.class, () -> out.room(1025));
    }
}
