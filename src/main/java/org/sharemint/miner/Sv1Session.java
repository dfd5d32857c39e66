package org.sharemint.miner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.sharemint.bitcoin.Targets;
import org.sharemint.downstream.RefusedException;
import org.sharemint.sv1.Authorize;
import org.sharemint.sv1.Notify;
import org.sharemint.sv1.SetDifficulty;
import org.sharemint.sv1.Submit;
import org.sharemint.sv1.Subscribe;
import org.sharemint.sv1.Sv1Exception;
import org.sharemint.sv1.Sv1Response;
import org.sharemint.wire.NewExtendedMiningJob;
import org.sharemint.wire.SetNewPrevHash;
import org.tinylog.Logger;

/**
 * A Stratum V1 connection (miner --sv1), as {@link PoolSession} is for SV2: subscribe, authorize
 * with {@code <locking key>.<user>}, then read lines. Each mining.notify is given to the
 * {@link JobTracker} as the job of a new block (the miner mines only the latest job; a share of
 * an older one is dropped), mining.set_difficulty as the channel target. SV1 has no ShareQuote:
 * the quotes are locked to the wallet's key, and {@code wallet claim} collects them.
 */
final class Sv1Session extends SessionBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal DIFF1 = new BigDecimal(Targets.DIFF1);
    private static final HexFormat HEX = HexFormat.of();

    private final MinerOptions options;
    private final String username;
    private final Clock clock;
    private final AtomicLong workIds;
    private final Object writeLock = new Object();
    /** SV1 job ids are strings: each notify gets a local number, and the string is kept to submit with. */
    private final Map<Integer, String> jobNames = new HashMap<>();
    private int nextJob = 1;
    private int nextId = 1;
    private OutputStream out;

    Sv1Session(MinerOptions options, String username, HashEngine engine, MinerStats stats, Clock clock, AtomicLong workIds) {
        super(engine, stats);
        this.options = options;
        this.username = username;
        this.clock = clock;
        this.workIds = workIds;
    }

    @Override
    public void run() throws IOException {
        socket.connect(new InetSocketAddress(options.poolHost(), options.poolPort()), SETUP_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(SETUP_TIMEOUT_MS);
        out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        try {
            send(new Subscribe("sharemint-miner/" + PoolSession.FIRMWARE).encode(JSON.getNodeFactory().numberNode(nextId++)).encode());
            JsonNode sub = awaitResponse(in, 1);
            if (sub.path("error").isArray()) throw new RefusedException("mining.subscribe refused: " + sub.get("error"));
            JsonNode r = sub.get("result");
            byte[] extranonce1 = HEX.parseHex(r.get(1).asText());
            int extranonce2Size = r.get(2).asInt();
            send(new Authorize(username, "x").encode(JSON.getNodeFactory().numberNode(nextId++)).encode());
            JsonNode auth = awaitResponse(in, 2);
            if (!auth.path("result").asBoolean(false)) throw new RefusedException("mining.authorize refused: " + auth.get("error"));
            JobTracker tracker = new JobTracker(0, true, Targets.toLe(Targets.MAX), extranonce1, extranonce2Size, clock, workIds);
            ready();
            Logger.info("mining over Stratum V1 at {}:{} as {} (extranonce2 {} bytes)", options.poolHost(), options.poolPort(), username,
                    extranonce2Size);
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    Logger.info("the pool closed the connection");
                    return;
                }
                handle(JSON.readTree(line), tracker);
            }
        } catch (SocketTimeoutException e) {
            throw timedOut(e, "line");
        } catch (Sv1Exception | RuntimeException e) {
            throw new IOException("bad line from the pool: " + e.getMessage(), e);
        } finally {
            engine.setWork(null);
        }
    }

    private JsonNode awaitResponse(BufferedReader in, int id) throws IOException {
        while (true) {
            String line = in.readLine();
            if (line == null) throw new EOFException("the pool closed the connection");
            JsonNode n = JSON.readTree(line);
            if (n.path("id").asInt(-1) == id) return n;
        }
    }

    private void handle(JsonNode n, JobTracker tracker) throws Sv1Exception {
        String method = n.path("method").asText("");
        switch (method) {
            case Notify.METHOD -> {
                Notify job = Notify.decode((ArrayNode) n.get("params"));
                int local = nextJob++;
                synchronized (writeLock) {
                    if (job.cleanJobs()) jobNames.clear();
                    jobNames.put(local, job.jobId());
                    jobNames.remove(local - 64); // only the latest job is mined; a few older names are plenty
                }
                tracker.onJob(new NewExtendedMiningJob(0, local, null, job.version(), true, job.merkleBranch(), job.coinb1(), job.coinb2()));
                publish(tracker.onPrevHash(new SetNewPrevHash(0, local, job.prevHash(), job.ntime(), job.nbits())));
            }
            case SetDifficulty.METHOD -> {
                double d = SetDifficulty.decode((ArrayNode) n.get("params")).difficulty();
                if (!(d > 0) || Double.isInfinite(d)) return;
                BigInteger t = DIFF1.divide(new BigDecimal(d), 0, RoundingMode.DOWN).toBigInteger().min(Targets.MAX);
                publish(tracker.onTarget(Targets.toLe(t)));
                Logger.debug("new difficulty {}", d);
            }
            case "" -> {
                Sv1Response r = Sv1Response.decode(n);
                if (r.isTrue()) {
                    stats.accepted.increment();
                } else if (r.errorCode() != null) {
                    stats.rejected(r.errorMessage());
                    Logger.debug("share rejected: {} {}", r.errorCode(), r.errorMessage());
                }
            }
            default -> Logger.debug("ignored {}", method);
        }
    }

    @Override
    public void submit(HashEngine.Share s) {
        if (!current(s)) return;
        String job;
        synchronized (writeLock) {
            job = jobNames.get(s.work().jobId());
        }
        if (job == null) {
            stats.droppedStale.increment();
            return;
        }
        try {
            synchronized (writeLock) {
                send(new Submit(username, job, s.extranonce(), s.ntime(), s.nonce(), null).encode(JSON.getNodeFactory().numberNode(nextId++)).encode());
            }
            stats.submitted.increment();
        } catch (IOException e) {
            Logger.debug("share not sent: {}", e.getMessage());
        }
    }

    private void send(byte[] line) throws IOException {
        synchronized (writeLock) {
            out.write(line);
            out.flush();
        }
    }
}
