package org.sharemint.jobs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sharemint.bitcoin.BlockTemplate;
import org.sharemint.config.Config;
import org.sharemint.config.ConfigException;
import org.sharemint.noise.AuthorityKey;
import org.sharemint.noise.NoiseChannels;
import org.sharemint.wire.Codec;
import org.sharemint.wire.CoinbaseOutputConstraints;
import org.sharemint.wire.FrameChannel;
import org.sharemint.wire.Message;
import org.sharemint.wire.NewTemplate;
import org.sharemint.wire.RequestTransactionData;
import org.sharemint.wire.RequestTransactionDataError;
import org.sharemint.wire.RequestTransactionDataSuccess;
import org.sharemint.wire.SetupConnection;
import org.sharemint.wire.SetupConnectionError;
import org.sharemint.wire.SetupConnectionSuccess;
import org.sharemint.wire.SubmitSolution;
import org.sharemint.wire.TemplateSetNewPrevHash;
import org.tinylog.Logger;

/**
 * jobs.source=template-provider: the pool as a client of an SV2 Template Provider (sv2-spec
 * chapter 7) over Noise NX, pinning jobs.tp.authority-key. One virtual thread connects, sends
 * SetupConnection (protocol 2) and CoinbaseOutputConstraints for the pool's payout output, then
 * reads: a future NewTemplate waits for the SetNewPrevHash that names it, a NewTemplate for the
 * current prev hash is published at once. Each template's transactions are asked for
 * (RequestTransactionData) and counted in the log. A found block goes back as SubmitSolution;
 * the TP builds and broadcasts it and sends no verdict. A lost connection is retried with
 * backoff; the last jobs stay valid meanwhile.
 */
public final class TpSource implements TemplateSource {
    /** SetupConnection's protocol number of the Template Distribution Protocol. */
    static final int PROTOCOL_TEMPLATE_DISTRIBUTION = 2;
    static final int MAX_FRAME_BYTES = (16 << 20) - 1; // the largest SV2 payload (U24 length)
    /** Future templates kept while waiting for their SetNewPrevHash. */
    private static final int MAX_PENDING = 16;

    private final InetSocketAddress address;
    private final byte[] authorityKey;
    private final int payoutOutputBytes;
    private final Clock clock;
    private final Latest latest = new Latest();
    private final Outage outage;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Map<Long, NewTemplate> pending = new LinkedHashMap<>();
    private volatile FrameChannel channel;
    private volatile Socket socket;
    private TemplateSetNewPrevHash tip;
    private Thread reader;

    TpSource(InetSocketAddress address, byte[] authorityKey, int payoutOutputBytes, Clock clock) {
        this.address = address;
        this.authorityKey = authorityKey;
        this.payoutOutputBytes = payoutOutputBytes;
        this.clock = clock;
        this.outage = new Outage(describe());
    }

    /** From jobs.tp.address and jobs.tp.authority-key; the payout script sizes CoinbaseOutputConstraints. */
    public static TemplateSource fromConfig(Config c, byte[] payoutScript) throws ConfigException {
        return new TpSource(address(c), authorityKey(c), 8 + 1 + payoutScript.length, Clock.systemUTC());
    }

    /** Checks the TP keys without connecting. */
    public static void check(Config c) throws ConfigException {
        address(c);
        authorityKey(c);
    }

    private static InetSocketAddress address(Config c) {
        InetSocketAddress a = c.address("jobs.tp.address");
        return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
    }

    private static byte[] authorityKey(Config c) throws ConfigException {
        String key = c.string("jobs.tp.authority-key");
        if (key.isBlank()) throw new ConfigException("jobs.tp.authority-key: required with jobs.source=template-provider (the TP prints its key)");
        try {
            return AuthorityKey.parsePublicKey(key);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("jobs.tp.authority-key: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "template provider at " + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void start() {
        reader = Thread.ofVirtual().name("tp-client").start(this::run);
    }

    @Override
    public Published next(long afterSerial, long timeoutMillis) throws InterruptedException {
        return latest.next(afterSerial, timeoutMillis);
    }

    @Override
    public String problem() {
        String p = outage.problem();
        if (p != null) return p;
        return latest.current() == null ? describe() + " has sent no template yet" : null;
    }

    private void run() {
        int failures = 0;
        while (stop.getCount() > 0) {
            try (Socket s = new Socket()) {
                socket = s;
                s.setTcpNoDelay(true);
                s.connect(address, 10_000);
                s.setSoTimeout(30_000); // the handshake and setup; then reads wait for templates without limit
                FrameChannel ch = NoiseChannels.initiator(s, authorityKey, clock, MAX_FRAME_BYTES);
                setUp(ch);
                s.setSoTimeout(0);
                channel = ch;
                outage.reached();
                failures = 0;
                while (true) handle(decode(ch));
            } catch (IOException | RuntimeException e) {
                channel = null;
                if (stop.getCount() == 0) return;
                outage.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            try {
                if (stop.await(Outage.backoffMillis(++failures, BitcoindSource.MAX_BACKOFF_MS), TimeUnit.MILLISECONDS)) return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void setUp(FrameChannel ch) throws IOException {
        send(ch, new SetupConnection(PROTOCOL_TEMPLATE_DISTRIBUTION, 2, 2, 0, address.getHostString(), address.getPort(),
                "sharemint", "", "", ""));
        switch (decode(ch)) {
            case SetupConnectionSuccess ok -> { }
            case SetupConnectionError e -> throw new IOException("the TP refused SetupConnection: " + e.errorCode());
            case Message m -> throw new IOException("expected SetupConnection.Success, got " + m.getClass().getSimpleName());
        }
        // one payout output, and a sigop for it if it is P2PKH
        send(ch, new CoinbaseOutputConstraints(payoutOutputBytes, 1));
    }

    private static Message decode(FrameChannel ch) throws IOException {
        return Codec.decode(ch.read());
    }

    private static void send(FrameChannel ch, Message m) throws IOException {
        ch.write(Codec.encode(m));
        ch.flush();
    }

    private void handle(Message m) throws IOException {
        switch (m) {
            case NewTemplate t -> {
                if (t.futureTemplate()) {
                    pending.put(t.templateId(), t);
                    while (pending.size() > MAX_PENDING) pending.remove(pending.keySet().iterator().next());
                } else if (tip != null) {
                    publish(t, tip);
                }
                synchronized (this) { // SubmitSolution may be written from a submitting thread at the same time
                    send(channel, new RequestTransactionData(t.templateId()));
                }
            }
            case TemplateSetNewPrevHash p -> {
                tip = p;
                NewTemplate t = pending.remove(p.templateId());
                if (t == null) {
                    Logger.warn("{}: SetNewPrevHash names template {} it never sent; waiting for the next", describe(), p.templateId());
                    return;
                }
                pending.clear();
                publish(t, p);
            }
            case RequestTransactionDataSuccess s -> Logger.debug("{}: template {} holds {} transactions", describe(), s.templateId(), s.transactionList().size());
            case RequestTransactionDataError e -> Logger.debug("{}: no transactions for template {}: {}", describe(), e.templateId(), e.errorCode());
            default -> throw new IOException("unexpected " + m.getClass().getSimpleName() + " from the TP");
        }
    }

    private void publish(NewTemplate t, TemplateSetNewPrevHash p) {
        if (t.coinbasePrefix().length > 8) {
            Logger.warn("{}: template {} skipped: coinbase_prefix of {} bytes (at most 8)", describe(), t.templateId(), t.coinbasePrefix().length);
            return;
        }
        long now = clock.millis() / 1000;
        long ntime = Math.max(Integer.toUnsignedLong(p.headerTimestamp()), t.futureTemplate() ? 0 : now);
        latest.publish(new BlockTemplate(t.templateId(), heightOf(t.coinbasePrefix()), t.version(), p.prevHash(), p.nbits(), ntime,
                Integer.toUnsignedLong(p.headerTimestamp()), t.coinbaseTxValueRemaining(), List.of(), null, t.coinbasePrefix(),
                t.coinbaseTxOutputs(), t.coinbaseTxOutputsCount(), List.copyOf(t.merklePath()), t.coinbaseTxVersion(),
                t.coinbaseTxInputSequence(), t.coinbaseTxLocktime(), BlockTemplate.MAX_SIGOPS, BlockTemplate.MAX_WEIGHT));
    }

    /** The BIP34 height a coinbase_prefix starts with (for logs), 0 when it holds none. */
    static int heightOf(byte[] prefix) {
        if (prefix.length == 0) return 0;
        int op = prefix[0] & 0xFF;
        if (op >= 0x51 && op <= 0x60) return op - 0x50;
        if (op < 1 || op > 4 || prefix.length < 1 + op) return 0;
        int v = 0;
        for (int i = 0; i < op; i++) v |= (prefix[1 + i] & 0xFF) << (8 * i);
        return v;
    }

    @Override
    public String submit(FoundBlock b) throws InterruptedException {
        SubmitSolution s = new SubmitSolution(b.template().id(), b.version(), b.ntime(), b.nonce(), b.coinbase());
        for (int attempt = 1; attempt <= 10; attempt++) {
            FrameChannel ch = channel;
            if (ch != null) {
                try {
                    synchronized (this) {
                        send(ch, s);
                    }
                    return SENT;
                } catch (IOException e) {
                    Logger.warn("SubmitSolution attempt {} failed ({}); trying again", attempt, e.getMessage());
                }
            }
            Thread.sleep(Outage.backoffMillis(attempt, 5000));
        }
        return "error: not connected to " + describe();
    }

    @Override
    public void close() {
        stop.countDown();
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                Logger.debug("closing the TP socket: {}", e.getMessage());
            }
        }
        if (reader != null) {
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
