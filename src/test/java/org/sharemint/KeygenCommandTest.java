package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sharemint.CommandRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sharemint.CommandRun.Result;
import org.sharemint.noise.AuthorityKey;

/** {@code sharemint keygen} through Main, as a user runs it. */
class KeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheKeyAndPrintsItsPublicKey() throws Exception {
        Result r = run("keygen", "--data.dir=" + dir);
        assertEquals(0, r.code(), r.err());
        String printed = r.out().strip();
        assertArrayEquals(AuthorityKey.load(dir).publicKey(), AuthorityKey.parsePublicKey(printed));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(AuthorityKey.file(dir))));
        assertTrue(!r.out().contains("secret") && !r.err().contains("secret="), "the secret is never printed");
    }

    @Test
    void anExistingKeyIsPrintedNotReplacedWithoutForce() throws Exception {
        String first = run("keygen", "--data.dir=" + dir).out().strip();
        Result again = run("keygen", "--data.dir=" + dir);
        assertEquals(0, again.code(), again.err());
        assertEquals(first + "\n", again.out(), "the existing public key, as the first run printed it");
        assertTrue(again.err().contains("exists already"), again.err());
        assertEquals(first, AuthorityKey.load(dir).publicKeyBase58());
        Result forced = run("keygen", "--force", "--data.dir=" + dir);
        assertEquals(0, forced.code(), forced.err());
        assertNotEquals(first, forced.out().strip());
        assertEquals(forced.out().strip(), AuthorityKey.load(dir).publicKeyBase58());
    }

    @Test
    void helpAndBadArguments() {
        Result help = run("keygen", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--force"));
        assertTrue(help.out().contains("data.dir") && !help.out().contains("pool.listen") && !help.out().contains("mint.db.url"),
                "only the key keygen reads:\n" + help.out());
        assertEquals(Main.USAGE, run("keygen", "--data.dir=" + dir, "extra").code());
        assertEquals(Main.USAGE, run("keygen", "--no.such.key=1").code());
    }
}
