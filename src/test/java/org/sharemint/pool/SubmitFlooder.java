package org.sharemint.pool;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.sharemint.wire.Codec;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SubmitSharesStandard;

/**
 * A hostile miner that reads its replies: it sets up, then sends submits for a channel it never
 * opened as fast as the pool takes them, and reconnects whenever the pool closes it.
 */
final class SubmitFlooder implements AutoCloseable {
    private static final byte[] SETUP = Codec.toBytes(new SetupConnection(0, 2, 2, 0, "127.0.0.1", 0, "flood", "", "", ""));
    private static final byte[] SUBMITS;

    static {
        byte[] one = Codec.toBytes(new SubmitSharesStandard(0x7fff_0000, 1, 1, 1, 1, 0x2000_0000));
        SUBMITS = new byte[one.length * 256];
        for (int i = 0; i < 256; i++) System.arraycopy(one, 0, SUBMITS, i * one.length, one.length);
    }

    final AtomicLong connections = new AtomicLong();
    final AtomicLong closedByPool = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    SubmitFlooder(InetSocketAddress pool, int peers) {
        for (int i = 0; i < peers; i++) threads.add(Thread.ofPlatform().daemon().name("flooder-" + i).start(() -> run(pool)));
    }

    private void run(InetSocketAddress pool) {
        while (!stop) {
            try (Socket s = new Socket()) {
                s.connect(pool, 5000);
                connections.incrementAndGet();
                Thread reader = Thread.ofVirtual().start(() -> drain(s));
                OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
                out.write(SETUP);
                try {
                    while (!stop) {
                        out.write(SUBMITS);
                        out.flush();
                    }
                } catch (IOException e) {
                    closedByPool.incrementAndGet();
                }
                s.close();
                reader.join();
            } catch (IOException | InterruptedException e) {
                if (stop) return;
            }
        }
    }

    private void drain(Socket s) {
        byte[] buf = new byte[1 << 16];
        try {
            InputStream in = s.getInputStream();
            for (int n; (n = in.read(buf)) >= 0; ) bytesRead.addAndGet(n);
        } catch (IOException e) {
            // closed
        }
    }

    /** {@code SubmitFlooder PORT PEERS SECONDS}: floods 127.0.0.1:PORT from its own process (FloodLatency). */
    public static void main(String[] args) throws Exception {
        try (SubmitFlooder f = new SubmitFlooder(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), Integer.parseInt(args[1]))) {
            Thread.sleep(Long.parseLong(args[2]) * 1000);
            System.out.println("flooder: " + f.connections.get() + " connections, " + f.closedByPool.get() + " closed by the pool, "
                    + f.bytesRead.get() + " bytes of replies read");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread t : threads) t.join(30_000);
    }
}
