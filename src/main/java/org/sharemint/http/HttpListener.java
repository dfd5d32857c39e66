package org.sharemint.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.tinylog.Logger;

/**
 * One HTTP/1.1 listener on Jetty with {@link HttpLimits}: a few platform threads select and
 * accept, every request runs its handler on a virtual thread (so a handler may block on the
 * body, the ledger or a lock). Errors of the HTTP layer are answered as JSON by {@link JsonErrorHandler}.
 */
public final class HttpListener implements AutoCloseable {
    private final Server server;
    private final HeaderDeadline headerDeadline;
    private final InetSocketAddress address;

    private HttpListener(Server server, ServerConnector connector, HeaderDeadline headerDeadline) {
        this.server = server;
        this.headerDeadline = headerDeadline;
        this.address = new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    /**
     * Binds {@code address} (port 0 = ephemeral) and serves {@code handler}.
     *
     * @param name names the threads ({@code name-...})
     * @throws IOException when the address cannot be bound
     */
    public static HttpListener start(String name, InetSocketAddress address, HttpLimits limits, Request.Handler handler) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName(name);
        threads.setReservedThreads(0);
        threads.setVirtualThreadsExecutor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-", 0).factory()));
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setMinRequestDataRate(limits.minBodyBytesPerSecond());
        // a few selector and acceptor threads are enough: no request ever runs on them
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        InetSocketAddress bind = address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
        if (bind.getAddress() == null) throw new IOException("cannot resolve " + bind.getHostString());
        connector.setHost(bind.getAddress().getHostAddress());
        connector.setPort(bind.getPort());
        connector.setIdleTimeout(limits.idleTimeoutMs());
        HeaderDeadline headerDeadline = new HeaderDeadline(name, limits.headerTimeoutMs());
        connector.addEventListener(headerDeadline);
        server.addConnector(connector);
        // at the limit the connector stops accepting: waiting clients hold no descriptor of ours
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        server.setErrorHandler(new JsonErrorHandler());
        server.setHandler(new Handler.Abstract() { // blocking: Jetty runs it on a virtual thread
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                return handler.handle(request, response, callback);
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            headerDeadline.close();
            try {
                server.stop();
            } catch (Exception s) {
                e.addSuppressed(s);
            }
            if (e instanceof IOException io) throw io;
            throw new IOException("HTTP listener on " + bind + ": " + e.getMessage(), e);
        }
        return new HttpListener(server, connector, headerDeadline);
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return address;
    }

    /** Stops accepting, gives requests under way up to a second, then closes every connection. */
    @Override
    public void close() {
        headerDeadline.close();
        server.setStopTimeout(1000);
        try {
            server.stop();
        } catch (Exception e) {
            Logger.warn("HTTP listener on {}: stopping failed: {}", address(), e.toString());
        }
    }
}
