package org.sharemint.link;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.noise.NoiseException;
import org.tinylog.Logger;

/**
 * The mint's listener for pools ({@code sharemint mint}, on mint.link.address): one virtual
 * thread per accepted link for the handshake, the setup and the blocking read loop, one for its
 * writes, and one {@link LinkBatcher} for all links that turns what arrives into ledger batches.
 *
 * <pre>{@code
 * try (EmbeddedMint mint = EmbeddedMint.start(config);
 *      MintLinkServer link = MintLinkServer.start(config, mint, registry)) {
 *     System.out.println("pools connect to " + link.address());
 * }
 * }</pre>
 */
public final class MintLinkServer implements AutoCloseable {
    /** The Noise handshake and SetupConnection must be done within this. */
    private static final int SETUP_TIMEOUT_MS = 10_000;

    private final ServerSocket listener;
    private final AuthorityKey authority;
    private final Clock clock;
    private final LinkBatcher batcher;
    private final LinkMetrics metrics;
    private final Set<PoolPeer> peers = ConcurrentHashMap.newKeySet();
    private final AtomicLong linkIds = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    private MintLinkServer(ServerSocket listener, AuthorityKey authority, QuoteIssuer mint, MetricsRegistry registry, Clock clock) {
        this.listener = listener;
        this.authority = authority;
        this.clock = clock;
        LinkBatcher[] b = new LinkBatcher[1];
        this.metrics = LinkMetrics.mint(registry, () -> b[0].links(), () -> b[0].queued());
        this.batcher = b[0] = new LinkBatcher(mint, metrics);
        this.acceptor = Thread.ofPlatform().name("mint-link-acceptor").daemon(true).unstarted(this::accept);
    }

    /**
     * Listens on mint.link.address (one address) with Noise (the authority key of data.dir, made on
     * first start) unless mint.link.noise=false; quotes come from {@code mint}.
     *
     * @throws ConfigException when mint.link.address lists more than one address
     * @throws IOException when the port cannot be bound or the authority key cannot be read
     */
    public static MintLinkServer start(Config config, QuoteIssuer mint, MetricsRegistry registry) throws IOException, ConfigException {
        checkConfig(config);
        AuthorityKey key = null;
        if (config.bool("mint.link.noise")) {
            key = AuthorityKey.loadOrCreate(config.path("data.dir"));
        } else {
            Logger.warn("mint.link.noise=false: pools link to this mint in plaintext, unauthenticated (LAN, tests and benchmarks only)");
        }
        return start(config.addresses("mint.link.address").get(0), key, mint, registry, Clock.systemUTC());
    }

    /** The mint's side of mint.link.address is one HOST:PORT (a list is the pool's failover). */
    public static void checkConfig(Config config) throws ConfigException {
        List<InetSocketAddress> addresses = config.addresses("mint.link.address");
        if (addresses.size() != 1) {
            throw new ConfigException("mint.link.address: the mint listens on one HOST:PORT, got " + config.string("mint.link.address"));
        }
    }

    /** The general form: {@code authority} null = plaintext. */
    public static MintLinkServer start(InetSocketAddress address, AuthorityKey authority, QuoteIssuer mint, MetricsRegistry registry, Clock clock)
        throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(address.getHostString(), address.getPort()), 128);
        } catch (IOException e) {
            listener.close();
            throw new IOException("mint.link.address " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage(), e);
        }
        MintLinkServer s = new MintLinkServer(listener, authority, mint, registry, clock);
        s.batcher.start();
        s.acceptor.start();
        Logger.info("mint link listening for pools on {} ({})", RemoteMint.hostPort(s.address()),
            authority != null ? "Noise, authority key " + authority.publicKeyBase58() : "plaintext");
        return s;
    }

    /** Where pools connect (the real port when port 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** True until closed (the mint's /health). */
    public boolean listening() {
        return !listener.isClosed();
    }

    /** The authority public key pools pin (mint.link.authority-key), or null with mint.link.noise=false. */
    public String authorityKey() {
        return authority == null ? null : authority.publicKeyBase58();
    }

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closed) Logger.error(e, "mint link: accept failed; no more pools are accepted");
                return;
            }
            Thread.ofVirtual().name("mint-link-" + linkIds.incrementAndGet()).start(() -> serve(s));
        }
    }

    /** One link, as sequential code: handshake, setup, then read until it ends. */
    private void serve(Socket s) {
        String name = RemoteMint.hostPort((InetSocketAddress) s.getRemoteSocketAddress());
        PoolPeer peer;
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(SETUP_TIMEOUT_MS);
            var channel = LinkChannels.mint(s, authority, clock);
            LinkSetup.asMint(channel);
            s.setSoTimeout(0);
            peer = new PoolPeer(name, s, channel, metrics);
        } catch (IOException | RuntimeException e) {
            Logger.warn("mint link from {} refused: {}", name, setupFailure(e));
            if (e instanceof LinkException || e instanceof org.sharemint.wire.WireException) metrics.badInput.inc();
            closeQuietly(s);
            return;
        }
        metrics.linkChanges.inc();
        peers.add(peer);
        batcher.add(peer);
        if (closed) peer.close();
        Logger.info("mint link from pool {} up ({})", name, authority != null ? "Noise" : "plaintext");
        Thread writer = Thread.ofVirtual().name(Thread.currentThread().getName() + "-writer").start(peer::writeLoop);
        try {
            peer.readLoop(batcher::wake);
        } finally {
            batcher.remove(peer);
            peers.remove(peer);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String setupFailure(Exception e) {
        if (e instanceof NoiseException n && n.getCause() instanceof EOFException) {
            return n.getMessage() + " (a pool that does not trust this mint's authority key closes the handshake: check its mint.link.authority-key)";
        }
        if (e instanceof EOFException) {
            return "closed before SetupConnection (a pool that refused this mint's Noise certificate: check its mint.link.authority-key)";
        }
        return e.getMessage();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** Stops accepting, closes every link (pools see their link lost) and stops the batcher. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            Logger.warn("mint link: closing the listener: {}", e.toString());
        }
        for (PoolPeer p : peers) p.close();
        try {
            batcher.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Logger.info("mint link closed");
    }
}
