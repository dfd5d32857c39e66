package org.sharemint.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.metrics.MetricsRegistry;
import org.sharemint.mint.QuoteIssuer;
import org.sharemint.mint.QuoteRequest;
import org.sharemint.mint.QuoteResult;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.noise.NoiseException;
import org.tinylog.Logger;

/**
 * The pool's issuer for {@code mint.mode=remote}: quote requests go over one long-lived mint
 * link to a {@code sharemint mint} process. Each createQuotes call (one per batch, several at
 * once: {@link #batchesInFlight()}) writes its batch and waits, as plain sequential code, for each
 * answer until that request's deadline.
 *
 * <ul>
 *   <li>Link down: a batch waits for the link until its earliest deadline (less a margin for
 *       the reply), then every request is refused {@code mint-unavailable}: it was never sent.
 *   <li>Sent and not answered by the deadline (a slow mint, or the link lost with the requests
 *       at the mint): {@code mint-timeout}, never earlier — the mint may be committing right up
 *       to the deadline, and it refuses to commit past it.
 * </ul>
 *
 * <p>One virtual thread (the connector) keeps the link: it connects to the first address of
 * mint.link.address that answers, reads answers until the link ends, then tries the next
 * address, at once and then with a backoff growing to {@value #MAX_BACKOFF_MS} ms. An outage
 * is logged once when it starts and once when it ends, with its length.
 */
public final class RemoteMint implements QuoteIssuer, AutoCloseable {
    static final long FIRST_BACKOFF_MS = 20;
    static final long MAX_BACKOFF_MS = 1000;
    /** A request not sent this long before its deadline would not be answered in time: refused mint-unavailable. */
    static final long SEND_MARGIN_MS = 5;
    /** Past the deadline a sender stops waiting; the share's own thread has answered mint-timeout by then. */
    static final long ANSWER_GRACE_MS = 50;
    /**
     * Batches at the mint at once: while it commits one, the next is on its way; more shares
     * meanwhile wait in the pool's queue and go together (one batch, one flush, replies together).
     */
    static final int BATCHES_IN_FLIGHT = 4;

    private final List<InetSocketAddress> addresses;
    private final byte[] mintAuthority;
    private final Clock clock;
    private final MetricsRegistry registry = new MetricsRegistry("sharemint_");
    private final LinkMetrics metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition linkChanged = lock.newCondition();
    private volatile PoolLink current; // written under lock
    private volatile boolean closed;
    private final Thread connector;

    RemoteMint(List<InetSocketAddress> addresses, byte[] mintAuthority, Clock clock) {
        if (addresses.isEmpty()) throw new IllegalArgumentException("no mint address");
        this.addresses = List.copyOf(addresses);
        this.mintAuthority = mintAuthority == null ? null : mintAuthority.clone();
        this.clock = clock;
        this.metrics = LinkMetrics.pool(registry, () -> current != null ? 1 : 0, () -> {
            PoolLink l = current;
            return l == null ? 0 : l.inFlight();
        });
        this.connector = Thread.ofVirtual().name("mint-link").unstarted(this::keepLink);
    }

    /**
     * The remote mint of mint.link.address, over Noise with mint.link.authority-key unless
     * mint.link.noise=false. Returns at once; the link comes up in the background.
     *
     * @throws ConfigException when Noise is on and the authority key is missing or malformed
     */
    public static RemoteMint start(Config config) throws ConfigException {
        return start(config, Clock.systemUTC());
    }

    public static RemoteMint start(Config config, Clock clock) throws ConfigException {
        byte[] authority = null;
        if (config.bool("mint.link.noise")) {
            String key = config.string("mint.link.authority-key");
            if (key.isEmpty()) {
                throw new ConfigException("mint.link.authority-key: required with mint.link.noise=true (the mint command prints it at start)");
            }
            try {
                authority = AuthorityKey.parsePublicKey(key);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("mint.link.authority-key: " + e.getMessage());
            }
        } else {
            Logger.warn("mint.link.noise=false: the link to the mint is plaintext and unauthenticated (LAN, tests and benchmarks only)");
        }
        RemoteMint m = new RemoteMint(config.addresses("mint.link.address"), authority, clock);
        m.startLink();
        return m;
    }

    void startLink() {
        connector.start();
    }

    /** The link's metrics (sharemint_mint_link_*), for the pool's /metrics. */
    public MetricsRegistry metrics() {
        return registry;
    }

    @Override
    public int batchesInFlight() {
        return BATCHES_IN_FLIGHT;
    }

    @Override
    public boolean reachable() {
        return current != null;
    }

    @Override
    public List<QuoteResult> createQuotes(List<QuoteRequest> batch) {
        long earliest = Long.MAX_VALUE;
        for (QuoteRequest q : batch) earliest = Math.min(earliest, q.deadlineUnixMs());
        while (true) {
            PoolLink link = awaitLink(earliest - SEND_MARGIN_MS);
            if (link == null) return refuseAll(batch, "mint-unavailable");
            PoolLink.Batch sent = link.send(batch);
            if (sent != null) return answers(batch, sent);
            // the link closed before the batch went out: wait for the next one
        }
    }

    /** Waits for the batch's answers until its last deadline; what has none by then is mint-timeout. */
    private List<QuoteResult> answers(List<QuoteRequest> batch, PoolLink.Batch sent) {
        long last = Long.MIN_VALUE;
        for (QuoteRequest q : batch) last = Math.max(last, q.deadlineUnixMs());
        try {
            sent.done.get(Math.max(0, last + ANSWER_GRACE_MS - clock.millis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // some never came: the link was lost with them at the mint, or the mint is slow
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch is never completed exceptionally", e);
        }
        List<QuoteResult> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            QuoteResult r = sent.result(i);
            if (r == null) {
                metrics.answers.inc("mint-timeout");
                r = new QuoteResult.Refused("mint-timeout");
            }
            out.add(r);
        }
        return out;
    }

    private List<QuoteResult> refuseAll(List<QuoteRequest> batch, String code) {
        List<QuoteResult> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            metrics.answers.inc(code);
            out.add(new QuoteResult.Refused(code));
        }
        return out;
    }

    /** The open link, waiting for one until the wall-clock instant {@code untilUnixMs}; null if none by then. */
    private PoolLink awaitLink(long untilUnixMs) {
        PoolLink l = current;
        if (l != null && !l.isClosed()) return l;
        lock.lock();
        try {
            while (!closed) {
                l = current;
                if (l != null && !l.isClosed()) return l;
                long waitMs = untilUnixMs - clock.millis();
                if (waitMs <= 0) return null;
                linkChanged.await(waitMs, TimeUnit.MILLISECONDS);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void publish(PoolLink link) {
        lock.lock();
        try {
            current = link;
            linkChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connector: connect, serve the link until it ends, move on to the next address; until closed. */
    private void keepLink() {
        int next = 0;
        int failedRounds = 0;
        long downSince = System.nanoTime();
        boolean everUp = false;
        boolean outageLogged = false;
        String lastRefusal = null;
        while (!closed) {
            PoolLink link = null;
            for (int i = 0; i < addresses.size() && link == null && !closed; i++) {
                InetSocketAddress a = addresses.get((next + i) % addresses.size());
                try {
                    link = PoolLink.open(a, mintAuthority, clock, metrics);
                    next = (next + i) % addresses.size();
                } catch (IOException | RuntimeException e) {
                    String reason = describe(a, e);
                    if (e instanceof NoiseException || e instanceof LinkException) {
                        // a mint that answers but will not link (a wrong key): said again whenever the reason changes
                        if (!reason.equals(lastRefusal)) Logger.error("mint link: {}", reason);
                        lastRefusal = reason;
                        outageLogged = true;
                    } else if (!outageLogged) {
                        Logger.warn("mint link: {}; shares wait for the mint up to their deadline", reason);
                        outageLogged = true;
                    }
                }
            }
            if (link == null) {
                sleepBackoff(failedRounds++);
                continue;
            }
            if (closed) {
                link.close();
                break;
            }
            long outageMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSince);
            if (everUp) {
                metrics.linkChanges.inc();
                Logger.info("mint link up again to {} after an outage of {} ms", hostPort(link.address), outageMs);
            } else {
                Logger.info("mint link up to {} ({}){}", hostPort(link.address), mintAuthority != null ? "Noise" : "plaintext",
                    failedRounds > 0 ? " after " + outageMs + " ms" : "");
            }
            everUp = true;
            failedRounds = 0;
            outageLogged = false;
            lastRefusal = null;
            publish(link);
            IOException end = link.readLoop();
            publish(null);
            downSince = System.nanoTime();
            if (closed) break;
            String reason = end instanceof java.io.EOFException ? "the mint closed the link" : end.toString();
            if (end instanceof LinkException || end instanceof org.sharemint.wire.WireException) {
                Logger.error("mint link to {} closed: the mint sent bad input: {}", hostPort(link.address), end.getMessage());
            } else {
                Logger.warn("mint link to {} lost ({}), {} requests unanswered; reconnecting", hostPort(link.address), reason, link.inFlight());
            }
            outageLogged = true;
            next = (next + 1) % addresses.size(); // the next mint first, if there is another
        }
    }

    private void sleepBackoff(int failedRounds) {
        if (failedRounds == 0) return; // the first retry goes at once
        long ms = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(10, failedRounds - 1));
        lock.lock();
        try {
            if (!closed) linkChanged.await(ms, TimeUnit.MILLISECONDS); // close() signals: no sleeping through it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private String describe(InetSocketAddress a, Exception e) {
        if (e instanceof NoiseException) {
            return "Noise handshake with the mint at " + hostPort(a) + " refused: " + e.getMessage()
                + " (is mint.link.authority-key the key the mint printed at start?)";
        }
        if (e instanceof LinkException) return "the mint at " + hostPort(a) + " refused the link: " + e.getMessage();
        return "no mint at " + hostPort(a) + " (" + e + ")";
    }

    static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /** Closes the link and stops reconnecting; batches waiting for a link are refused mint-unavailable. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            linkChanged.signalAll();
        } finally {
            lock.unlock();
        }
        PoolLink l = current;
        if (l != null) l.close();
        connector.interrupt(); // ends a connect or handshake under way (socket I/O of a virtual thread is interruptible)
        try {
            connector.join(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Logger.info("mint link closed");
    }
}
