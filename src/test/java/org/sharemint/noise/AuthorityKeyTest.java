package org.sharemint.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorityKeyTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String VECTOR_TEXT = "9bXiEd8boQVhq7WddEcERUL5tyyJVFYdU8th3HfbNXK3Yw6GRXh";
    private static final String VECTOR_KEY = "76637000979c1c11af0c300bcd8c7fe48610fce9b9c11e3daee35ae0b08a7455";

    @TempDir
    Path dir;

    @Test
    void publicKeyTextVectorBothWays() {
        assertEquals(VECTOR_KEY, HEX.formatHex(AuthorityKey.parsePublicKey(VECTOR_TEXT)));
        assertEquals(VECTOR_TEXT, AuthorityKey.publicKeyBase58(HEX.parseHex(VECTOR_KEY)));
    }

    @Test
    void badPublicKeyTextIsRefusedWithAReason() {
        String badChecksum = VECTOR_TEXT.substring(0, VECTOR_TEXT.length() - 1) + (VECTOR_TEXT.endsWith("h") ? "i" : "h");
        assertEquals("base58check checksum does not match", assertThrows(IllegalArgumentException.class, () -> AuthorityKey.parsePublicKey(badChecksum)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AuthorityKey.parsePublicKey("0OIl")).getMessage().contains("not a base58 character"));
        // right checksum, wrong version bytes
        String wrongVersion = Base58Check.encode(HEX.parseHex("0200" + VECTOR_KEY));
        assertThrows(IllegalArgumentException.class, () -> AuthorityKey.parsePublicKey(wrongVersion));
        // right form, but x has no point on the curve (x = 5: 5^3 + 7 = 132 is not a square mod p)
        String offCurve = Base58Check.encode(HEX.parseHex("0100" + "00".repeat(31) + "05"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AuthorityKey.parsePublicKey(offCurve)).getMessage().contains("not on secp256k1"));
        assertThrows(IllegalArgumentException.class, () -> AuthorityKey.parsePublicKey(""));
    }

    @Test
    void loadOrCreateWritesAnOwnerOnlyFileAndReadsItBack() throws IOException {
        Path data = dir.resolve("data");
        AuthorityKey made = AuthorityKey.loadOrCreate(data);
        Path file = data.resolve(AuthorityKey.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        AuthorityKey again = AuthorityKey.loadOrCreate(data);
        assertArrayEquals(made.publicKey(), again.publicKey());
        assertEquals(made.publicKeyBase58(), again.publicKeyBase58());
        assertArrayEquals(made.publicKey(), AuthorityKey.parsePublicKey(made.publicKeyBase58()));
        try (var files = Files.list(data)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void theSecretNeverShowsInToString() throws IOException {
        AuthorityKey k = AuthorityKey.loadOrCreate(dir);
        String secretLine = Files.readAllLines(AuthorityKey.file(dir)).stream().filter(l -> l.startsWith("secret=")).findFirst().orElseThrow();
        String secretHex = secretLine.substring("secret=".length());
        assertEquals(64, secretHex.length());
        assertFalse(k.toString().contains(secretHex));
        assertTrue(k.toString().contains(k.publicKeyBase58()));
    }

    @Test
    void createRefusesToOverwriteUnlessForced() throws IOException {
        AuthorityKey first = AuthorityKey.create(dir, new SecureRandom(), false);
        assertThrows(FileAlreadyExistsException.class, () -> AuthorityKey.create(dir, new SecureRandom(), false));
        assertArrayEquals(first.publicKey(), AuthorityKey.load(dir).publicKey());
        AuthorityKey second = AuthorityKey.create(dir, new SecureRandom(), true);
        assertNotEquals(first.publicKeyBase58(), second.publicKeyBase58());
        assertArrayEquals(second.publicKey(), AuthorityKey.load(dir).publicKey());
    }

    @Test
    void brokenKeyFilesAreNamedInTheError() throws IOException {
        assertThrows(NoSuchFileException.class, () -> AuthorityKey.load(dir));
        Files.writeString(AuthorityKey.file(dir), "secret=zz\n");
        IOException e = assertThrows(IOException.class, () -> AuthorityKey.load(dir));
        assertTrue(e.getMessage().contains(AuthorityKey.FILE_NAME) && e.getMessage().contains("64 hex digits"), e.getMessage());
        Files.writeString(AuthorityKey.file(dir), "secret=" + "00".repeat(32) + "\n");
        assertThrows(IOException.class, () -> AuthorityKey.load(dir));
        Files.writeString(AuthorityKey.file(dir), "# nothing\n");
        assertTrue(assertThrows(IOException.class, () -> AuthorityKey.load(dir)).getMessage().contains("no secret= line"));
    }
}
