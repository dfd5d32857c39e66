package org.sharemint.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.pool.Sv2TestClient.waiting;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * coalesced flushes, a burst of senders that wake together leaving in one write, the limit that closes a peer
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

    /** The writer's yields are bounded: a sender that never pauses still sees its frames go out while it sends. */
    @Test
    void aSenderThatNeverStopsDoesNotKeepTheWriterFromWriting() throws Exception {
        Outbound out = outbound(poolChannel(), 1L << 30);
        PlainFrameChannel in = peerChannel();
        AtomicBoolean firstRead = new AtomicBoolean();
        int limit = 200_000;
        Future<Integer> sender = threads.submit(() -> {
            int sent = 0;
            while (sent < limit && !firstRead.get()) {
                out.send(message(0, sent++));
                Thread.yield(); // runnable between sends, so the queue grows across every writer yield
            }
            return sent;
        });
        assertEquals(message(0, 0), Codec.decode(in.read()));
        firstRead.set(true);
        int sent = sender.get(60, TimeUnit.SECONDS);
        assertTrue(sent < limit, "the first frame went out only after the sender stopped");
        assertEquals(null, aborted.get());
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
