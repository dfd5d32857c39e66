package org.sharemint.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Frames through a real loopback socket. */
class PlainFrameChannelTest {
    @Test
    void framesCrossALoopbackSocketAndOversizeIsRefused() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Message[]> received = exec.submit(() -> {
                try (Socket s = server.accept();
                        PlainFrameChannel ch = new PlainFrameChannel(s.getInputStream(), s.getOutputStream(), 64)) {
                    s.setSoTimeout(5_000);
                    Message first = Codec.decode(ch.read());
                    Message second = Codec.decode(ch.read());
                    ch.write(Codec.encode(new SubmitSharesSuccess(1, 9, 10, 10)));
                    ch.flush();
                    assertThrows(WireException.class, ch::read); // 65-byte frame, limit 64
                    return new Message[] {first, second};
                }
            });
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    PlainFrameChannel ch = new PlainFrameChannel(s.getInputStream(), s.getOutputStream(), 64)) {
                s.setSoTimeout(5_000);
                ch.write(Codec.encode(new SetupConnection(0, 2, 2, 1, "", 0, "", "", "", "")));
                ch.write(Codec.encode(new SubmitSharesStandard(1, 0, 1, 2, 3, 4)));
                ch.flush();
                assertEquals(new SubmitSharesSuccess(1, 9, 10, 10), Codec.decode(ch.read()));
                ch.write(new Frame(0, 0x7f, new byte[65]));
                ch.flush();
                Message[] got = received.get(10, TimeUnit.SECONDS);
                assertEquals(new SetupConnection(0, 2, 2, 1, "", 0, "", "", "", ""), got[0]);
                assertEquals(new SubmitSharesStandard(1, 0, 1, 2, 3, 4), got[1]);
                assertThrows(EOFException.class, ch::read); // the server closed
            }
        }
    }
}
