package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sharemint.wire.Codec;
import org.sharemint.wire.Frame;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.PlainFrameChannel;
import org.sharemint.wire.SubmitSharesError;

/**
 * Outbound over a real loopback socket: order per producer under concurrent senders, a writer
 * thread only while something is queued (and never a frame left behind by one that ended),
 * coalesced flushes, holds that keep a burst of replies together, the limit that closes a peer
 * that does not read, and a graceful finish.
 */
class OutboundTest {
    private ServerSocket server;
    private Socket pool;
    private Socket peer;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<String> aborted = new AtomicReference<>();

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        peer = new Socket();
        peer.setReceiveBufferSize(4096);
        peer.connect(server.getLocalSocketAddress());
        pool = server.accept();
        peer.setSoTimeout(10_000);
    }

    @AfterEach
    void close() throws IOException {
        threads.shutdownNow();
        pool.close();
        peer.close();
        server.close();
    }

    private Outbound outbound(FrameChannel channel, long limit) {
        return new Outbound(channel, limit, reason -> {
            aborted.compareAndSet(null, reason);
            try {
                pool.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, 1);
    }

    private PlainFrameChannel poolChannel() throws IOException {
        return new PlainFrameChannel(pool.getInputStream(), pool.getOutputStream(), 1 << 16);
    }

    private PlainFrameChannel peerChannel() throws IOException {
        return new PlainFrameChannel(peer.getInputStream(), peer.getOutputStream(), 1 << 16);
    }

    private static SubmitSharesError message(int producer, int seq) {
        return new SubmitSharesError(producer, seq, "x");
    }

    @Test
    void concurrentProducersKeepTheirOrderAndEveryFrameArrives() throws Exception {
        Outbound out = outbound(poolChannel(), 1L << 30);
        int producers = 8;
        int each = 3000;
        PlainFrameChannel in = peerChannel();
        Future<int[]> reader = threads.submit(() -> {
            int[] next = new int[producers];
            for (int i = 0; i < producers * each; i++) {
                SubmitSharesError m = (SubmitSharesError) Codec.decode(in.read());
                assertEquals(next[m.channelId()], m.sequenceNumber(), "producer " + m.channelId() + " out of order");
                next[m.channelId()]++;
            }
            return next;
        });
        List<Future<?>> senders = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            senders.add(threads.submit(() -> {
                for (int i = 0; i < each; i++) {
                    assertTrue(out.send(message(id, i)));
                    if (i % 97 == 0) Thread.yield(); // let the writer drain and end now and then
                }
                return null;
            }));
        }
        for (Future<?> s : senders) s.get(20, TimeUnit.SECONDS);
        int[] got = reader.get(20, TimeUnit.SECONDS);
        for (int p = 0; p < producers; p++) assertEquals(each, got[p]);
        waiting().until(() -> !out.writerRunning());
        assertEquals(0, out.queuedBytes());
        assertEquals(null, aborted.get());
    }

    /** Send, wait for it, repeat: each send finds the previous writer ending or ended, and still nothing is stranded. */
    @Test
    void aWriterRunsOnlyWhileSomethingIsQueuedAndNoFrameIsStranded() throws Exception {
        Outbound out = outbound(poolChannel(), 1 << 20);
        PlainFrameChannel in = peerChannel();
        assertFalse(out.writerRunning(), "no writer before the first send");
        for (int i = 0; i < 500; i++) {
            assertTrue(out.send(message(0, i)));
            assertEquals(message(0, i), Codec.decode(in.read()));
        }
        waiting().until(() -> !out.writerRunning());
        assertTrue(out.awaitWriter(Duration.ZERO));
    }

    @Test
    void framesQueuedWhileTheWriterIsBusyGoOutInOneFlush() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger flushes = new AtomicInteger();
        // the first write holds the writer until the rest are queued
        FrameChannel slow = counting(poolChannel(), flushes, release);
        Outbound out = outbound(slow, 1 << 20);
        for (int i = 0; i < 100; i++) assertTrue(out.send(message(0, i)));
        waiting().until(() -> out.queuedBytes() > 0);
        release.countDown();
        PlainFrameChannel in = peerChannel();
        for (int i = 0; i < 100; i++) assertEquals(message(0, i), Codec.decode(in.read()));
        waiting().until(() -> !out.writerRunning());
        assertTrue(flushes.get() <= 2, flushes.get() + " flushes for 100 frames");
    }

    /**
     * A channel that counts flushes (one flush is one write of everything the writer took) and,
     * when {@code writeGate} is given, holds every write until it opens.
     */
    private static FrameChannel counting(PlainFrameChannel real, AtomicInteger flushes, CountDownLatch writeGate) {
        return new FrameChannel() {
            @Override
            public Frame read() throws IOException {
                return real.read();
            }

            @Override
            public void write(Frame frame) throws IOException {
                try {
                    if (writeGate != null) writeGate.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                real.write(frame);
            }

            @Override
            public void flush() throws IOException {
                flushes.incrementAndGet();
                real.flush();
            }

            @Override
            public void close() throws IOException {
                real.close();
            }
        };
    }

    @Test
    void heldFramesWaitForTheLastReleaseThenLeaveInOneFlush() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        Outbound out = outbound(counting(poolChannel(), flushes, null), 1 << 20);
        out.hold();
        out.hold(); // two replies of one mint batch under way
        for (int i = 0; i < 20; i++) assertTrue(out.send(message(0, i)));
        assertFalse(out.writerRunning(), "no writer while held");
        assertTrue(out.queuedBytes() > 0);
        out.release();
        assertFalse(out.writerRunning(), "still one hold");
        out.release();
        PlainFrameChannel in = peerChannel();
        for (int i = 0; i < 20; i++) assertEquals(message(0, i), Codec.decode(in.read()));
        waiting().until(() -> !out.writerRunning());
        assertEquals(1, flushes.get(), "the whole burst in one flush");
        assertEquals(0, out.queuedBytes());
    }

    @Test
    void aRunningWriterStopsAtAHoldAndTheReleaseRestartsIt() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        Outbound out = outbound(counting(poolChannel(), flushes, null), 1 << 20);
        PlainFrameChannel in = peerChannel();
        for (int round = 0; round < 200; round++) {
            out.hold();
            assertTrue(out.send(message(0, 2 * round)));
            assertTrue(out.send(message(0, 2 * round + 1)));
            out.release();
            assertEquals(message(0, 2 * round), Codec.decode(in.read()));
            assertEquals(message(0, 2 * round + 1), Codec.decode(in.read()));
        }
        waiting().until(() -> !out.writerRunning());
        assertEquals(0, out.queuedBytes());
    }

    @Test
    void holdsThatNeverAllEndStopHoldingAfterTheLimit() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        Outbound out = new Outbound(poolChannel(), 1 << 20, reason -> aborted.compareAndSet(null, reason), 1, clock::get);
        out.hold();
        out.hold(); // batch N+1's hold comes before batch N's is released, and so on
        assertTrue(out.send(message(0, 0)));
        out.release();
        assertFalse(out.writerRunning(), "within the limit the frame waits for the last release");
        clock.addAndGet(Outbound.MAX_HOLD_NANOS + 1);
        out.hold();
        assertTrue(out.send(message(0, 1)));
        PlainFrameChannel in = peerChannel();
        assertEquals(message(0, 0), Codec.decode(in.read()));
        assertEquals(message(0, 1), Codec.decode(in.read()));
        out.release();
        out.release();
        waiting().until(() -> !out.writerRunning());
        assertEquals(0, out.queuedBytes());
    }

    @Test
    void finishWritesHeldFramesWithoutWaitingForTheRelease() throws Exception {
        Outbound out = outbound(poolChannel(), 1 << 20);
        out.hold();
        for (int i = 0; i < 5; i++) assertTrue(out.send(message(0, i)));
        out.finish();
        PlainFrameChannel in = peerChannel();
        for (int i = 0; i < 5; i++) assertEquals(message(0, i), Codec.decode(in.read()));
        assertTrue(out.awaitWriter(Duration.ofSeconds(5)));
        out.release(); // a reply thread that finishes after the close: nothing left to start
        assertFalse(out.writerRunning());
    }

    @Test
    void aReleaseWithoutAHoldIsABug() {
        Outbound out = outbound(new PlainFrameChannel(InputStream.nullInputStream(), OutputStream.nullOutputStream(), 1024), 1024);
        assertThrows(IllegalStateException.class, out::release);
    }

    @Test
    void aPeerThatDoesNotReadIsClosedAtTheLimit() throws Exception {
        Outbound out = outbound(poolChannel(), 64 * 1024);
        int sent = 0;
        while (out.send(message(0, sent))) {
            sent++;
            assertTrue(sent < 1_000_000, "the limit never closed the connection");
        }
        assertTrue(out.overflowed());
        assertTrue(aborted.get().startsWith("peer is not reading"), aborted.get());
        assertTrue(pool.isClosed());
        assertFalse(out.send(message(0, 0)), "no send after the overflow");
        assertTrue(out.awaitWriter(Duration.ofSeconds(5)), "the writer ends once the socket is closed");
    }

    @Test
    void finishStillWritesWhatIsQueuedThenRefusesSends() throws Exception {
        Outbound out = outbound(poolChannel(), 1 << 20);
        for (int i = 0; i < 50; i++) assertTrue(out.send(message(0, i)));
        out.finish();
        assertFalse(out.send(message(0, 50)));
        assertTrue(out.awaitWriter(Duration.ofSeconds(5)));
        PlainFrameChannel in = peerChannel();
        for (int i = 0; i < 50; i++) assertEquals(message(0, i), Codec.decode(in.read()));
        assertEquals(0, out.queuedBytes());
        assertEquals(null, aborted.get());
    }
}
