package org.sharemint.pool;

import static org.sharemint.pool.Sv2TestClient.waiting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sharemint mint} as its own process, started and waited for until it prints where pools
 * connect (its link port and authority key) and its Cashu HTTP API.
 */
final class MintProcess implements AutoCloseable {
    private static final Pattern POOLS = Pattern.compile("(?m)^  pools: +127\\.0\\.0\\.1:(\\d+) \\((?:Noise, authority key (\\w+)|plaintext)\\)");
    private static final Pattern HTTP = Pattern.compile("(?m)^  cashu http: http://127\\.0\\.0\\.1:(\\d+)");

    final ChildProcess child;
    final int linkPort;
    final int httpPort;
    /** Null with --mint.link.noise=false. */
    final String authorityKey;

    private MintProcess(ChildProcess child, int linkPort, int httpPort, String authorityKey) {
        this.child = child;
        this.linkPort = linkPort;
        this.httpPort = httpPort;
        this.authorityKey = authorityKey;
    }

    /** The mint with its ledger in {@code dataDir} and its link on {@code linkPort} (0 = any free port). */
    static MintProcess start(Path dataDir, int linkPort, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("mint", "--data.dir=" + dataDir, "--mint.http.listen=127.0.0.1:0",
            "--monitor.listen=127.0.0.1:0", "--mint.link.address=127.0.0.1:" + linkPort));
        args.addAll(List.of(more));
        ChildProcess c = ChildProcess.start(args.toArray(String[]::new));
        try {
            waiting().until(() -> HTTP.matcher(c.log()).find() || !c.process.isAlive());
            String log = c.log();
            Matcher pools = POOLS.matcher(log);
            Matcher http = HTTP.matcher(log);
            if (!pools.find() || !http.find()) throw new AssertionError("the mint did not start:\n" + log);
            return new MintProcess(c, Integer.parseInt(pools.group(1)), Integer.parseInt(http.group(1)), pools.group(2));
        } catch (RuntimeException | Error e) {
            c.kill();
            throw e;
        }
    }

    String log() {
        return child.log();
    }

    String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        child.kill();
    }

    /** SIGSTOP: its sockets stay open and nothing is answered. */
    void pause() throws Exception {
        child.signal("STOP");
    }

    @Override
    public void close() throws InterruptedException {
        if (child.process.isAlive()) child.signal0("CONT");
        child.close();
    }
}
