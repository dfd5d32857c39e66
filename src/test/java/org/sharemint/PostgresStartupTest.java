package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.CommandRun.Result;
import org.sharemint.mint.PostgresExtension;

/**
 * {@code sharemint mint} with a PostgreSQL ledger it cannot use at start: one line naming
 * mint.db.url (without its query) and the database's reason, exit 2, and the password in no
 * line printed.
 */
@ExtendWith(PostgresExtension.class)
class PostgresStartupTest {
    @TempDir
    Path tmp;

    private static Result mint(Path data, String url, String password) {
        return CommandRun.run("mint", "--data.dir=" + data, "--mint.db.url=" + url, "--mint.db.password=" + password,
            "--mint.http.listen=127.0.0.1:0", "--mint.link.address=127.0.0.1:0", "--monitor.listen=127.0.0.1:0", "--mint.link.noise=false");
    }

    @Test
    void anUnreachableServerIsOneLineAndExit2() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String secret = "Unreachable-Secret-42";
        Result r = mint(tmp.resolve("d"), "jdbc:postgresql://127.0.0.1:" + port + "/ledger?user=mint&password=" + secret, secret);
        assertEquals(2, r.code(), r.err());
        String line = r.said();
        assertTrue(line.startsWith("mint.db.url: jdbc:postgresql://127.0.0.1:" + port + "/ledger?…: "), line);
        assertTrue(line.contains("refused"), line);
        assertEquals(1, line.lines().count(), line);
        assertFalse((r.out() + r.err()).contains(secret), r.err());
    }

    @Test
    void aWrongPasswordIsOneLineAndExit2WithoutThePassword() {
        String url = PostgresExtension.database(PostgresStartupTest.class);
        String wrong = "Wrong-Secret-99";
        Result r = mint(tmp.resolve("d"), url, wrong);
        assertEquals(2, r.code(), r.err());
        String line = r.said();
        assertTrue(line.startsWith("mint.db.url: " + url.substring(0, url.indexOf('?')) + "?…: "), line);
        assertTrue(line.contains("password authentication failed"), line);
        assertEquals(1, line.lines().count(), line);
        assertFalse((r.out() + r.err()).contains(wrong), r.err());
    }
}
