package org.sharemint.pool;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import org.tinylog.Logger;

/**
 * The accept loop: one virtual thread per accepted socket, running a {@link Connection}.
 * Beyond pool.max-connections (or what the descriptor limit leaves, {@link DescriptorLimit}) a
 * socket is closed at once; a failing accept backs off ({@link AcceptBackoff}). Runs on its own thread until the
 * server socket is closed.
 */
final class Acceptor implements Runnable {
    private final ServerSocket server;
    private final PoolContext ctx;
    private final int maxConnections;

    Acceptor(ServerSocket server, PoolContext ctx) {
        this.server = server;
        this.ctx = ctx;
        this.maxConnections = DescriptorLimit.connectionCap(ctx.settings.maxConnections(), ctx.limits.descriptorReserve());
    }

    @Override
    public void run() {
        AcceptBackoff backoff = new AcceptBackoff(ctx.nanoTime);
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
                backoff.succeeded();
            } catch (IOException e) {
                if (server.isClosed()) break;
                try {
                    backoff.failed(e.getMessage());
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            // only this thread increments, so the check and the increment cannot race
            if (ctx.metrics.connectionsOpen.get() >= maxConnections) {
                ctx.metrics.connectionsRejected.inc();
                Logger.debug("refusing {}: pool.max-connections ({}) reached", socket.getRemoteSocketAddress(), maxConnections);
                closeQuietly(socket);
                continue;
            }
            ctx.metrics.connectionsOpen.incrementAndGet();
            ctx.metrics.connectionsAccepted.inc();
            Connection c = new Connection(socket, ctx);
            ctx.connections.add(c); // before its thread starts, so shutdown sees every accepted socket
            Thread.ofVirtual().name("conn-" + c.id).start(c);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            Logger.debug("closing refused socket: {}", e.getMessage());
        }
    }
}
