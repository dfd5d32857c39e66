package org.sharemint.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.sharemint.bitcoin.BlockTemplate;
import org.tinylog.Logger;

/**
 * jobs.source=bitcoind: templates from Bitcoin Core's getblocktemplate. Two virtual threads:
 * the long poller waits in getblocktemplate with the last longpollid (the node answers at once
 * on a new block or after new transactions); the watcher asks getbestblockhash every second
 * (a new block noticed even when long polling does not work) and fetches a fresh template on a
 * new tip or every jobs.refresh-ms. A template the node gets wrong is logged and skipped.
 */
public final class BitcoindSource implements TemplateSource {
    static final long MAX_BACKOFF_MS = 30_000;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LONG_POLL_TIMEOUT = Duration.ofMinutes(10);
    private static final int SUBMIT_ATTEMPTS = 10;
    private static final Map<String, Object> RULES = Map.of("rules", List.of("segwit"));

    private final BitcoindRpc rpc;
    private final long refreshMs;
    private final long tipPollMs;
    private final Latest latest = new Latest();
    private final Outage outage;
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wake = wakeLock.newCondition();
    private boolean wakeRequested;
    private volatile String longPollId;
    private volatile String badTemplate;
    private Thread watcher;
    private Thread longPoller;

    public BitcoindSource(BitcoindRpc rpc, long refreshMs) {
        this(rpc, refreshMs, 1000);
    }

    /** @param tipPollMs how often getbestblockhash is asked (a second in production, less in tests) */
    public BitcoindSource(BitcoindRpc rpc, long refreshMs, long tipPollMs) {
        this.rpc = rpc;
        this.refreshMs = refreshMs;
        this.tipPollMs = tipPollMs;
        this.outage = new Outage("bitcoind at " + rpc.where());
    }

    @Override
    public String describe() {
        return "bitcoind at " + rpc.where();
    }

    @Override
    public void start() {
        watcher = Thread.ofVirtual().name("bitcoind-watcher").start(this::watch);
        longPoller = Thread.ofVirtual().name("bitcoind-longpoll").start(this::longPoll);
    }

    @Override
    public Published next(long afterSerial, long timeoutMillis) throws InterruptedException {
        return latest.next(afterSerial, timeoutMillis);
    }

    @Override
    public String problem() {
        String p = outage.problem();
        if (p != null) return p;
        if (latest.current() == null) return describe() + " has given no usable template yet" + (badTemplate == null ? "" : ": " + badTemplate);
        return null;
    }

    /** The watcher: best block hash every tipPollMs, a template on a new tip, on refresh, or when asked. */
    private void watch() {
        String tip = null;
        long lastFetch = 0;
        int failures = 0;
        try {
            while (stop.getCount() > 0) {
                try {
                    JsonNode best = rpc.call("getbestblockhash", CALL_TIMEOUT);
                    outage.reached();
                    failures = 0;
                    String hash = best.asText();
                    long now = System.nanoTime();
                    boolean due = latest.current() == null || !hash.equals(tip)
                            || now - lastFetch >= TimeUnit.MILLISECONDS.toNanos(refreshMs) || takeWake();
                    if (due) {
                        fetch(null);
                        tip = hash;
                        lastFetch = now;
                    }
                    pause(tipPollMs);
                } catch (RpcException e) {
                    if (e.unreachable) {
                        outage.failed(e.getMessage());
                    } else {
                        // the node answered, badly: logged once per reason, and /health names it while no template is usable
                        if (!Objects.equals(badTemplate, e.getMessage())) Logger.warn("{}: {}; trying again", describe(), e.getMessage());
                        badTemplate = e.getMessage();
                    }
                    pause(Outage.backoffMillis(++failures, MAX_BACKOFF_MS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The long poller: getblocktemplate with the last longpollid; the node answers when something changed. */
    private void longPoll() {
        int failures = 0;
        try {
            while (stop.getCount() > 0) {
                String id = longPollId;
                if (id == null) {
                    pause(tipPollMs);
                    continue;
                }
                try {
                    fetch(id);
                    failures = 0;
                } catch (RpcException e) {
                    // the watcher reports outages; this thread only backs off
                    pause(Outage.backoffMillis(++failures, MAX_BACKOFF_MS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fetch(String pollId) throws RpcException, InterruptedException {
        Map<String, Object> params = pollId == null ? RULES : Map.of("rules", List.of("segwit"), "longpollid", pollId);
        JsonNode r = rpc.call("getblocktemplate", pollId == null ? CALL_TIMEOUT : LONG_POLL_TIMEOUT, params);
        if (stop.getCount() == 0) return;
        String nextId = GbtParser.longPollId(r);
        if (nextId != null) longPollId = nextId;
        try {
            BlockTemplate t = GbtParser.parse(r, ids.incrementAndGet());
            badTemplate = null;
            latest.publish(t);
        } catch (BadTemplateException e) {
            if (!Objects.equals(badTemplate, e.getMessage())) Logger.warn("{}: template skipped: {}", describe(), e.getMessage());
            badTemplate = e.getMessage();
            if (pollId != null) pause(tipPollMs); // a node that keeps answering a long poll with junk is not spun on
        }
    }

    @Override
    public String submit(FoundBlock b) throws InterruptedException {
        String hex = HexFormat.of().formatHex(b.block());
        for (int attempt = 1; ; attempt++) {
            try {
                JsonNode r = rpc.call("submitblock", CALL_TIMEOUT, hex);
                requestTemplate();
                return r == null || r.isNull() ? null : r.asText();
            } catch (RpcException e) {
                if (!e.unreachable || attempt >= SUBMIT_ATTEMPTS) return "error: " + e.getMessage();
                Logger.warn("submitblock attempt {} failed ({}); trying again", attempt, e.getMessage());
                Thread.sleep(Outage.backoffMillis(attempt, 5000));
            }
        }
    }

    /** Asks the watcher for a template now (after a block was submitted). */
    private void requestTemplate() {
        wakeLock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    private boolean takeWake() {
        wakeLock.lock();
        try {
            boolean w = wakeRequested;
            wakeRequested = false;
            return w;
        } finally {
            wakeLock.unlock();
        }
    }

    /** Sleeps up to {@code ms}, cut short by close or a template request. */
    private void pause(long ms) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(ms);
        wakeLock.lock();
        try {
            while (left > 0 && !wakeRequested && stop.getCount() > 0) left = wake.awaitNanos(left);
        } finally {
            wakeLock.unlock();
        }
    }

    @Override
    public void close() {
        stop.countDown();
        wakeLock.lock();
        try {
            wake.signalAll();
        } finally {
            wakeLock.unlock();
        }
        for (Thread t : new Thread[] {watcher, longPoller}) {
            if (t == null) continue;
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        rpc.close();
    }
}
