package org.sharemint.pool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.tinylog.Logger;

/**
 * pool.sv1.listen: accepts Stratum V1 miners, one virtual thread each running an
 * {@link Sv1Connection}. Shares pool.max-connections with the SV2 listener.
 */
final class Sv1Listener implements AutoCloseable {
    private final ServerSocket server;
    private final PoolContext ctx;
    private final Thread thread;

    private Sv1Listener(ServerSocket server, PoolContext ctx) {
        this.server = server;
        this.ctx = ctx;
        this.thread = Thread.ofPlatform().name("sv1-acceptor").daemon(true).unstarted(this::run);
    }

    static Sv1Listener start(InetSocketAddress address, PoolContext ctx) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address, 1024);
        } catch (IOException e) {
            s.close();
            throw new IOException("pool.sv1.listen " + address + ": " + e.getMessage(), e);
        }
        Sv1Listener l = new Sv1Listener(s, ctx);
        l.thread.start();
        return l;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void run() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) Logger.warn("sv1 accept failed: {}", e.getMessage());
                continue;
            }
            // the SV2 acceptor counts up too: the limit is approximate across the two by a connection or so
            if (ctx.metrics.connectionsOpen.get() >= ctx.settings.maxConnections()) {
                ctx.metrics.connectionsRejected.inc();
                try {
                    socket.close();
                } catch (IOException e) {
                    Logger.debug("closing refused socket: {}", e.getMessage());
                }
                continue;
            }
            ctx.metrics.connectionsOpen.incrementAndGet();
            ctx.metrics.connectionsAccepted.inc();
            Sv1Connection c = new Sv1Connection(socket, ctx);
            ctx.sv1Connections.add(c);
            Thread.ofVirtual().name("sv1-conn-" + c.id).start(c);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        thread.join(5000);
    }
}
