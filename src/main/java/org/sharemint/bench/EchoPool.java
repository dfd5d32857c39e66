package org.sharemint.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.sharemint.wire.Frame;
import org.sharemint.wire.SubmitSharesStandard;
import org.sharemint.wire.SubmitSharesSuccess;
import org.tinylog.Logger;

/**
 * A trivial in-process stand-in for the pool on loopback, to calibrate the paced generator:
 * it answers every SubmitSharesStandard with a SubmitShares.Success for its sequence number as
 * fast as it can (no set-up, no validation, no mint) and ignores any other frame. Each worker
 * thread watches its share of the connections with a Selector and answers all the submits one
 * read brought in one write. {@code stallNanos} holds every answer back that long (tests).
 */
final class EchoPool implements Closeable {
    private static final int SUBMIT_BYTES = Frame.HEADER_BYTES + SubmitSharesStandard.PAYLOAD_BYTES;
    private static final int SUCCESS_BYTES = Frame.HEADER_BYTES + SubmitSharesSuccess.PAYLOAD_BYTES;

    private final ServerSocketChannel server;
    private final List<Worker> workers = new ArrayList<>();
    private final Thread acceptor;
    private final long stallNanos;
    private volatile boolean closed;

    EchoPool(int threads, long stallNanos) throws IOException {
        this.stallNanos = stallNanos;
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        for (int i = 0; i < threads; i++) workers.add(new Worker(i));
        acceptor = Thread.ofPlatform().name("bench-echo-accept").daemon(true).start(this::accept);
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    private void accept() {
        int next = 0;
        while (!closed) {
            try {
                SocketChannel c = server.accept();
                c.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                c.configureBlocking(false);
                workers.get(next++ % workers.size()).add(c);
            } catch (IOException e) {
                if (!closed) Logger.warn("echo accept: {}", e.toString());
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Worker w : workers) w.close();
    }

    /** One connection's buffers. */
    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(16 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        final ByteBuffer out = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);

        Conn(SocketChannel channel) {
            this.channel = channel;
            out.flip(); // read mode: nothing to write yet
        }
    }

    private final class Worker {
        final Selector selector;
        final Queue<SocketChannel> added = new ConcurrentLinkedQueue<>();
        final Thread thread;

        Worker(int i) throws IOException {
            selector = Selector.open();
            thread = Thread.ofPlatform().name("bench-echo-" + i).daemon(true).start(this::loop);
        }

        void add(SocketChannel c) {
            added.add(c);
            selector.wakeup();
        }

        void close() throws IOException {
            selector.close();
        }

        private void loop() {
            try {
                while (!closed) {
                    selector.select(100);
                    for (SocketChannel c; (c = added.poll()) != null; ) c.register(selector, SelectionKey.OP_READ, new Conn(c));
                    for (SelectionKey key : selector.selectedKeys()) {
                        Conn c = (Conn) key.attachment();
                        try {
                            serve(key, c);
                        } catch (IOException e) {
                            key.cancel();
                            c.channel.close();
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | ClosedSelectorException e) {
                if (!closed) Logger.warn("echo worker: {}", e.toString());
            }
        }

        private void serve(SelectionKey key, Conn c) throws IOException {
            if (c.out.hasRemaining()) {
                c.channel.write(c.out);
                if (c.out.hasRemaining()) return; // the peer does not read: stop reading it too
            }
            if (c.channel.read(c.in) < 0) throw new IOException("closed");
            c.in.flip();
            c.out.clear();
            while (c.in.remaining() >= Frame.HEADER_BYTES && c.out.remaining() >= SUCCESS_BYTES) {
                int p = c.in.position();
                int type = c.in.get(p + 2) & 0xFF;
                int length = (c.in.get(p + 3) & 0xFF) | (c.in.get(p + 4) & 0xFF) << 8 | (c.in.get(p + 5) & 0xFF) << 16;
                if (length > c.in.capacity() - Frame.HEADER_BYTES) throw new IOException("frame too large for the echo");
                if (c.in.remaining() < Frame.HEADER_BYTES + length) break;
                if (type == SubmitSharesStandard.MSG_TYPE && length + Frame.HEADER_BYTES == SUBMIT_BYTES) {
                    int payload = p + Frame.HEADER_BYTES;
                    c.out.putShort((short) Frame.CHANNEL_BIT).put((byte) SubmitSharesSuccess.MSG_TYPE)
                            .put((byte) SubmitSharesSuccess.PAYLOAD_BYTES).putShort((short) 0)
                            .putInt(c.in.getInt(payload)).putInt(c.in.getInt(payload + 4)).putInt(1).putLong(1);
                }
                c.in.position(p + Frame.HEADER_BYTES + length);
            }
            c.in.compact();
            c.out.flip();
            if (stallNanos > 0 && c.out.hasRemaining()) LockSupport.parkNanos(stallNanos);
            if (c.out.hasRemaining()) c.channel.write(c.out);
            key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }
    }
}
