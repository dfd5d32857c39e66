package org.sharemint.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.sharemint.wire.Frame;
import org.sharemint.wire.FrameChannel;

/** The handshake and the transport over real loopback sockets, good and bad. */
class NoiseChannelsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AuthorityKey AUTHORITY = AuthorityKey.generate(RANDOM);
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_750_000_000), ZoneOffset.UTC);
    private static final int MAX = 1 << 20;
    private static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
    }

    /** Both ends of one connection after a successful handshake. */
    record Pair(FrameChannel initiator, FrameChannel responder) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            initiator.close();
            responder.close();
        }
    }

    static Pair handshake(Loopback l, Clock responderClock, Clock initiatorClock, byte[] pinned) throws Exception {
        Future<FrameChannel> r = THREADS.submit(() -> NoiseChannels.responder(l.server(), AUTHORITY, 3600, responderClock, MAX));
        FrameChannel i = NoiseChannels.initiator(l.client(), pinned, initiatorClock, MAX);
        return new Pair(i, r.get(10, TimeUnit.SECONDS));
    }

    static Frame frame(int ext, int type, int length) {
        byte[] p = new byte[length];
        RANDOM.nextBytes(p);
        return new Frame(ext, type, p);
    }

    static void assertSame(Frame expected, Frame actual) {
        assertEquals(expected.extensionType(), actual.extensionType());
        assertEquals(expected.msgType(), actual.msgType());
        assertArrayEquals(expected.payload(), actual.payload());
    }

    @Test
    void handshakeThenFramesBothWays() throws Exception {
        try (Loopback l = Loopback.open(); Pair p = handshake(l, NOW, NOW, AUTHORITY.publicKey())) {
            Frame up = new Frame(0x0000, 0x00, new byte[] {0, 2, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            Frame down = frame(0x8000, 0x1c, 20);
            Frame empty = new Frame(0x4E55, 0x01, new byte[0]);
            for (int round = 0; round < 3; round++) {
                p.initiator().write(up);
                p.initiator().write(empty);
                p.initiator().flush();
                assertSame(up, p.responder().read());
                assertSame(empty, p.responder().read());
                p.responder().write(down);
                p.responder().flush();
                assertSame(down, p.initiator().read());
            }
            p.initiator().close();
            assertThrows(EOFException.class, () -> p.responder().read());
        }
    }

    @Test
    void wireSizesAreTheSpecs() throws Exception {
        // a man in the middle counts bytes: Act 1 = 64, Act 2 = 234, a frame = 22 + payload + 16 per chunk
        try (Loopback l = Loopback.open()) {
            Future<byte[]> server = THREADS.submit(() -> {
                InputStream in = l.server().getInputStream();
                byte[] act1 = in.readNBytes(64);
                ResponderHandshake r = new ResponderHandshake(AUTHORITY, 3600, NOW, RANDOM);
                byte[] act2 = r.act2(act1);
                l.server().getOutputStream().write(act2);
                return in.readAllBytes();
            });
            FrameChannel c = NoiseChannels.initiator(l.client(), AUTHORITY.publicKey(), NOW, MAX);
            c.write(frame(0, 0x1a, 100));
            c.flush();
            l.client().shutdownOutput();
            assertEquals(22 + 100 + 16, server.get(10, TimeUnit.SECONDS).length);
            assertEquals(234, ResponderHandshake.ACT2_BYTES);
        }
    }

    @Test
    void largePayloadsAreChunkedAndReassembled() throws Exception {
        try (Loopback l = Loopback.open(); Pair p = handshake(l, NOW, NOW, AUTHORITY.publicKey())) {
            int[] sizes = {65_518, 65_519, 65_520, 2 * 65_519, 2 * 65_519 + 1, 1_000_000};
            Future<List<Frame>> got = THREADS.submit(() -> {
                List<Frame> frames = new ArrayList<>();
                for (int i = 0; i < sizes.length; i++) frames.add(p.responder().read());
                return frames;
            });
            List<Frame> sent = new ArrayList<>();
            for (int size : sizes) {
                Frame f = frame(0x0001, 0x02, size);
                sent.add(f);
                p.initiator().write(f);
            }
            p.initiator().flush();
            List<Frame> received = got.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < sizes.length; i++) assertSame(sent.get(i), received.get(i));
        }
    }

    /** Small, large and small again, each way, many in one flush: the idle-sized buffers grow for a frame and let go after it. */
    @Test
    void framesOfEverySizeRoundTripBothWaysThroughSmallBuffers() throws Exception {
        try (Loopback l = Loopback.open(); Pair p = handshake(l, NOW, NOW, AUTHORITY.publicKey())) {
            int[] sizes = {0, 1, 24, 990, 1002, 1003, 1024, 4096, 8192, 65_519, 65_520, 200_000, 24, 0, 7};
            for (FrameChannel[] way : new FrameChannel[][] {{p.initiator(), p.responder()}, {p.responder(), p.initiator()}}) {
                Future<List<Frame>> got = THREADS.submit(() -> {
                    List<Frame> frames = new ArrayList<>();
                    for (int i = 0; i < 3 * sizes.length; i++) frames.add(way[1].read());
                    return frames;
                });
                List<Frame> sent = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (int size : sizes) {
                        Frame f = frame(0x8000 | round, 0x15, size);
                        sent.add(f);
                        way[0].write(f);
                    }
                    if (round > 0) way[0].flush(); // rounds 0 and 1 go out in one flush
                }
                List<Frame> received = got.get(10, TimeUnit.SECONDS);
                for (int i = 0; i < sent.size(); i++) assertSame(sent.get(i), received.get(i));
            }
        }
    }

    @Test
    void chunkBoundaryOnTheWire() throws Exception {
        // 65,519 plaintext bytes is one chunk (65,535 on the wire); 65,520 is two (65,535 + 17)
        try (Loopback l = Loopback.open()) {
            Future<Integer> server = THREADS.submit(() -> {
                InputStream in = l.server().getInputStream();
                ResponderHandshake r = new ResponderHandshake(AUTHORITY, 3600, NOW, RANDOM);
                l.server().getOutputStream().write(r.act2(in.readNBytes(64)));
                FrameChannel ch = r.session().channel(in, OutputStream.nullOutputStream(), MAX, l.server());
                assertEquals(65_519, ch.read().payload().length);
                assertEquals(65_520, ch.read().payload().length);
                return in.available();
            });
            FrameChannel c = NoiseChannels.initiator(l.client(), AUTHORITY.publicKey(), NOW, MAX);
            c.write(frame(0, 1, 65_519));
            c.write(frame(0, 1, 65_520));
            c.flush();
            assertEquals(0, server.get(10, TimeUnit.SECONDS), "nothing left over after both frames");
        }
    }

    @Test
    void everyFlippedByteOfAct2FailsTheInitiator() throws Exception {
        for (int i = 0; i < ResponderHandshake.ACT2_BYTES; i++) {
            int flip = i;
            try (Loopback l = Loopback.open()) {
                Future<?> server = THREADS.submit(() -> {
                    byte[] act1 = l.server().getInputStream().readNBytes(64);
                    byte[] act2 = new ResponderHandshake(AUTHORITY, 3600, NOW, RANDOM).act2(act1);
                    act2[flip] ^= 0x01;
                    l.server().getOutputStream().write(act2);
                    return null;
                });
                NoiseException e = assertThrows(NoiseException.class, () -> NoiseChannels.initiator(l.client(), AUTHORITY.publicKey(), NOW, MAX), "byte " + flip);
                assertTrue(e.getMessage().contains("bad MAC"), "byte " + flip + ": " + e.getMessage());
                server.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void flippedTransportByteFailsTheReaderAndLaterReadsToo() throws Exception {
        try (Loopback l = Loopback.open()) {
            Future<FrameChannel> server = THREADS.submit(() -> NoiseChannels.responder(l.server(), AUTHORITY, 3600, NOW, MAX));
            // the initiator's side done by hand so that one ciphertext byte can be changed
            InitiatorHandshake hs = new InitiatorHandshake(AUTHORITY.publicKey(), NOW, RANDOM);
            OutputStream out = l.client().getOutputStream();
            out.write(hs.act1());
            NoiseSession session = hs.act2(l.client().getInputStream().readNBytes(234));
            java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
            FrameChannel sender = session.channel(InputStream.nullInputStream(), wire, MAX, () -> {});
            sender.write(frame(0, 0x1a, 24));
            sender.write(frame(0, 0x1a, 24));
            sender.flush();
            byte[] bytes = wire.toByteArray();
            bytes[22 + 5] ^= 0x40; // inside the first frame's payload chunk
            out.write(bytes);
            FrameChannel r = server.get(10, TimeUnit.SECONDS);
            NoiseException first = assertThrows(NoiseException.class, r::read);
            assertEquals("frame payload: bad MAC", first.getMessage());
            NoiseException later = assertThrows(NoiseException.class, r::read);
            assertTrue(later.getMessage().contains("earlier failure: frame payload: bad MAC"), later.getMessage());
            assertThrows(NoiseException.class, () -> r.write(frame(0, 0x1c, 4)));
        }
    }

    @Test
    void plaintextFrameAfterTheHandshakeIsRefused() throws Exception {
        // a client that speaks plain SV2 after the handshake (or after its own handshake failed)
        try (Loopback l = Loopback.open()) {
            Future<FrameChannel> server = THREADS.submit(() -> NoiseChannels.responder(l.server(), AUTHORITY, 3600, NOW, MAX));
            InitiatorHandshake hs = new InitiatorHandshake(AuthorityKey.generate(RANDOM).publicKey(), NOW, RANDOM);
            l.client().getOutputStream().write(hs.act1());
            assertThrows(NoiseException.class, () -> hs.act2(l.client().getInputStream().readNBytes(234)));
            FrameChannel r = server.get(10, TimeUnit.SECONDS);
            l.client().getOutputStream().write(new byte[] {0, 0, 0, 0x16, 0, 0, 0, 2, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            NoiseException e = assertThrows(NoiseException.class, r::read);
            assertEquals("frame header: bad MAC", e.getMessage());
        }
    }

    @Test
    void frameOverTheMaximumIsRefusedBeforeItsPayload() throws Exception {
        try (Loopback l = Loopback.open()) {
            Future<FrameChannel> server = THREADS.submit(() -> NoiseChannels.responder(l.server(), AUTHORITY, 3600, NOW, 1000));
            FrameChannel c = NoiseChannels.initiator(l.client(), AUTHORITY.publicKey(), NOW, MAX);
            FrameChannel r = server.get(10, TimeUnit.SECONDS);
            c.write(frame(0, 1, 1000));
            c.write(frame(0, 2, 1001));
            c.flush();
            assertEquals(1000, r.read().payload().length);
            NoiseException e = assertThrows(NoiseException.class, r::read);
            assertTrue(e.getMessage().contains("1001 bytes") && e.getMessage().contains("maximum of 1000"), e.getMessage());
        }
    }

    @Test
    void shortAct1ThenEofFailsTheResponder() throws Exception {
        try (Loopback l = Loopback.open()) {
            Future<FrameChannel> server = THREADS.submit(() -> NoiseChannels.responder(l.server(), AUTHORITY, 3600, NOW, MAX));
            l.client().getOutputStream().write(new byte[30]);
            l.client().shutdownOutput();
            Exception e = assertThrows(Exception.class, () -> server.get(10, TimeUnit.SECONDS));
            NoiseException n = assertInstanceOf(NoiseException.class, e.getCause());
            assertEquals("Act 1: connection closed after 30 of 64 bytes", n.getMessage());
        }
    }

    @Test
    void stalledHandshakeIsEndedByTheDeadline() throws Exception {
        try (Loopback l = Loopback.open()) {
            l.server().setSoTimeout(300);
            long t0 = System.nanoTime();
            NoiseException e = assertThrows(NoiseException.class, () -> NoiseChannels.responder(l.server(), AUTHORITY, 3600, NOW, MAX));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().startsWith("handshake timed out after 300 ms waiting for Act 1"), e.getMessage());
            assertTrue(ms >= 290 && ms < 3000, "took " + ms + " ms");
            assertEquals(300, l.server().getSoTimeout(), "SO_TIMEOUT restored");
        }
    }

    @Test
    void trickledAct1CannotStretchTheDeadline() throws Exception {
        // one byte every 100 ms would keep a per-read timeout of 300 ms happy for 6.4 s
        try (Loopback l = Loopback.open()) {
            l.server().setSoTimeout(300);
            Future<?> trickle = THREADS.submit(() -> {
                OutputStream out = l.client().getOutputStream();
                for (int i = 0; i < 63; i++) {
                    out.write(0);
                    out.flush();
                    Thread.sleep(100); // pacing the trickle, not waiting for a condition
                }
                return null;
            });
            long t0 = System.nanoTime();
            NoiseException e = assertThrows(NoiseException.class, () -> NoiseChannels.responder(l.server(), AUTHORITY, 3600, NOW, MAX));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertTrue(ms < 2500, "took " + ms + " ms (a per-read timeout alone would allow 6.3 s)");
            trickle.cancel(true);
        }
    }

    @Test
    void silentResponderIsEndedByTheInitiatorsDeadline() throws Exception {
        try (Loopback l = Loopback.open()) {
            l.client().setSoTimeout(300);
            NoiseException e = assertThrows(NoiseException.class, () -> NoiseChannels.initiator(l.client(), AUTHORITY.publicKey(), NOW, MAX));
            assertTrue(e.getMessage().startsWith("handshake timed out after 300 ms waiting for Act 2"), e.getMessage());
        }
    }

    @Test
    void expiredCertificateIsRefused() throws Exception {
        Clock later = Clock.offset(NOW, Duration.ofSeconds(3600 + 11));
        NoiseException e = failedHandshake(NOW, later, AUTHORITY.publicKey());
        assertTrue(e.getMessage().startsWith("certificate expired"), e.getMessage());
    }

    @Test
    void certificateNotYetValidIsRefused() throws Exception {
        Clock earlier = Clock.offset(NOW, Duration.ofSeconds(-11));
        NoiseException e = failedHandshake(NOW, earlier, AUTHORITY.publicKey());
        assertTrue(e.getMessage().startsWith("certificate not valid yet"), e.getMessage());
    }

    @Test
    void tenSecondsOfSkewAreForgiven() throws Exception {
        for (Clock skewed : List.of(Clock.offset(NOW, Duration.ofSeconds(-10)), Clock.offset(NOW, Duration.ofSeconds(3600 + 10)))) {
            try (Loopback l = Loopback.open(); Pair p = handshake(l, NOW, skewed, AUTHORITY.publicKey())) {
                p.responder().write(frame(0, 1, 3));
                p.responder().flush();
                assertEquals(3, p.initiator().read().payload().length);
            }
        }
    }

    @Test
    void certificateOfAnotherAuthorityIsRefused() throws Exception {
        NoiseException e = failedHandshake(NOW, NOW, AuthorityKey.generate(RANDOM).publicKey());
        assertEquals("certificate is not signed by the expected authority key", e.getMessage());
    }

    private static NoiseException failedHandshake(Clock responderClock, Clock initiatorClock, byte[] pinned) throws Exception {
        try (Loopback l = Loopback.open()) {
            Future<FrameChannel> r = THREADS.submit(() -> NoiseChannels.responder(l.server(), AUTHORITY, 3600, responderClock, MAX));
            NoiseException e = assertThrows(NoiseException.class, () -> NoiseChannels.initiator(l.client(), pinned, initiatorClock, MAX));
            r.get(10, TimeUnit.SECONDS).close();
            return e;
        }
    }

    @Test
    void concurrentWritersDoNotInterleaveFrames() throws Exception {
        try (Loopback l = Loopback.open(); Pair p = handshake(l, NOW, NOW, AUTHORITY.publicKey())) {
            int writers = 8, each = 200;
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                jobs.add(THREADS.submit(() -> {
                    for (int k = 0; k < each; k++) {
                        byte[] payload = new byte[1 + (k * 37) % 3000];
                        java.util.Arrays.fill(payload, (byte) id);
                        p.responder().write(new Frame(0, id, payload));
                        if (k % 10 == 0) p.responder().flush();
                    }
                    p.responder().flush();
                    return null;
                }));
            }
            int[] counts = new int[writers];
            for (int n = 0; n < writers * each; n++) {
                Frame f = p.initiator().read();
                for (byte b : f.payload()) assertEquals(f.msgType(), b);
                counts[f.msgType()]++;
            }
            for (Future<?> j : jobs) j.get(10, TimeUnit.SECONDS);
            for (int c : counts) assertEquals(each, c);
        }
    }

    @Test
    void closingTheChannelClosesTheSocket() throws Exception {
        try (Loopback l = Loopback.open()) {
            Pair p = handshake(l, NOW, NOW, AUTHORITY.publicKey());
            p.responder().close();
            Socket s = l.server();
            assertTrue(s.isClosed());
            assertThrows(NoiseException.class, () -> p.responder().read());
            p.initiator().close();
        }
    }
}
