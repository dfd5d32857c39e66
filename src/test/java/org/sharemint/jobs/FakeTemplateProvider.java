package org.sharemint.jobs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sharemint.bitcoin.Bitcoin;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.noise.NoiseChannels;
import org.sharemint.wire.Codec;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewTemplate;
import org.sharemint.wire.RequestTransactionData;
import org.sharemint.wire.RequestTransactionDataSuccess;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SetupConnectionSuccess;
import org.sharemint.wire.TemplateSetNewPrevHash;

/**
 * A stand-in SV2 Template Provider on a real socket, as the Noise NX responder with its own
 * authority key: it answers SetupConnection, sends a future NewTemplate and the SetNewPrevHash
 * naming it, answers RequestTransactionData and records every message it gets.
 */
public final class FakeTemplateProvider implements AutoCloseable {
    public static final int NBITS = 0x207fffff;
    public final AuthorityKey key = AuthorityKey.generate(new SecureRandom());
    public final List<Message> received = new CopyOnWriteArrayList<>();
    public final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread acceptor;
    private final Random random = new Random(11);
    private int height = 300;
    private long templateId = 1000;
    private byte[] prevHash = new byte[32];
    private volatile FrameChannel current;
    /** The TP's own coinbase output: a witness commitment to made-up data. */
    public final byte[] outputs;
    public final List<byte[]> merklePath = List.of(filled(0x33), filled(0x44));

    public FakeTemplateProvider() throws IOException {
        random.nextBytes(prevHash);
        byte[] commitment = Bitcoin.concat(new byte[] {0x6a, 0x24, (byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed}, filled(0x77));
        outputs = Bitcoin.concat(new byte[8], new byte[] {(byte) commitment.length}, commitment);
        server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("fake-tp").start(this::acceptLoop);
    }

    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public synchronized int height() {
        return height;
    }

    public synchronized byte[] prevHash() {
        return prevHash.clone();
    }

    public synchronized long templateId() {
        return templateId;
    }

    public long value() {
        return 625_000_000L + 4321;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                accepted.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            FrameChannel ch = NoiseChannels.responder(s, key, 3600, Clock.systemUTC(), (16 << 20) - 1);
            Message setup = Codec.decode(ch.read());
            received.add(setup);
            if (!(setup instanceof SetupConnection sc) || sc.protocol() != 2) return;
            write(ch, new SetupConnectionSuccess(2, 0));
            received.add(Codec.decode(ch.read())); // CoinbaseOutputConstraints
            current = ch;
            sendBlock(ch);
            while (true) {
                Message m = Codec.decode(ch.read());
                received.add(m);
                if (m instanceof RequestTransactionData r) {
                    write(ch, new RequestTransactionDataSuccess(r.templateId(), new byte[0], List.of(new byte[100], new byte[200])));
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    /** A new block: next height and tip, a future template and the SetNewPrevHash naming it. */
    public void newBlock() throws IOException {
        synchronized (this) {
            height++;
            templateId++;
            random.nextBytes(prevHash);
        }
        FrameChannel ch = current;
        if (ch != null) sendBlock(ch);
    }

    /** Closes the pool's connection (the TP restarting). */
    public void dropConnections() throws IOException {
        current = null;
        for (Socket s : accepted) s.close();
    }

    private void sendBlock(FrameChannel ch) throws IOException {
        long id;
        byte[] prev;
        int h;
        synchronized (this) {
            id = templateId;
            prev = prevHash.clone();
            h = height;
        }
        write(ch, new NewTemplate(id, true, 0x20000000, 2, Bitcoin.heightPush(h), 0xFFFFFFFE, value(), 1, outputs, h - 1, merklePath));
        write(ch, new TemplateSetNewPrevHash(id, prev, (int) (System.currentTimeMillis() / 1000), NBITS, filled(0xff)));
    }

    private synchronized void write(FrameChannel ch, Message m) throws IOException {
        ch.write(Codec.encode(m));
        ch.flush();
    }

    static byte[] filled(int v) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
