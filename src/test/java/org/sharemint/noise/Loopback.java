package org.sharemint.noise;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A connected pair of real TCP sockets on 127.0.0.1. */
record Loopback(Socket client, Socket server) implements AutoCloseable {
    static Loopback open() throws IOException {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket c = new Socket();
            c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ss.getLocalPort()), 5000);
            Socket s = ss.accept();
            c.setTcpNoDelay(true);
            s.setTcpNoDelay(true);
            // every test handshake is bounded; a bug shows up as a timeout, not a hang
            c.setSoTimeout(10_000);
            s.setSoTimeout(10_000);
            return new Loopback(c, s);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
    }
}
