package org.sharemint.noise;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.ElligatorSwift;
import org.sharemint.crypto.Schnorr;
import org.sharemint.crypto.Secp256k1;
import org.tinylog.Logger;

/**
 * The pool's Noise authority key pair: miners pin its public key (base58check text) and accept
 * only responders whose static key it certified. The secret lives in {@value #FILE_NAME} under
 * data.dir, mode 0600, and is never logged or printed; {@link #toString()} shows the public key.
 *
 * <p>Thread-safe. The responder side keeps one static key and certificate per instance and
 * replaces both when half the certificate's validity has passed, so a handshake does not pay
 * for a fresh signature.
 */
public final class AuthorityKey {
    /** The key file's name under data.dir. */
    public static final String FILE_NAME = "noise-authority.key";
    /** Version bytes before the 32-byte x-only key in the public key's base58check text. */
    private static final byte[] PUBLIC_VERSION = {1, 0};
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final HexFormat HEX = HexFormat.of();

    private final BigInteger secret;
    private final byte[] publicKey;
    private Credentials credentials; // guarded by this

    private AuthorityKey(BigInteger secret) {
        this.secret = secret;
        this.publicKey = Schnorr.publicKey(secret);
    }

    /** A new key pair held in memory only (tests, benchmarks, embedding programs with their own storage). */
    public static AuthorityKey generate(SecureRandom random) {
        return new AuthorityKey(Secp256k1.randomScalar(random));
    }

    /** The key in {@code dataDir}, made (with a fresh SecureRandom) and saved when there is none. */
    public static AuthorityKey loadOrCreate(Path dataDir) throws IOException {
        return loadOrCreate(dataDir, new SecureRandom());
    }

    public static AuthorityKey loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        try {
            return load(dataDir);
        } catch (NoSuchFileException e) {
            AuthorityKey key = create(dataDir, random, false);
            Logger.info("created Noise authority key {} (public key {})", file(dataDir), key.publicKeyBase58());
            return key;
        }
    }

    /**
     * Reads the key from {@code dataDir}; NoSuchFileException when there is none, IOException
     * naming the file when it cannot be used.
     */
    public static AuthorityKey load(Path dataDir) throws IOException {
        Path file = file(dataDir);
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        warnIfShared(file);
        for (String line : lines) {
            String l = line.strip();
            if (!l.startsWith("secret=")) continue;
            String hex = l.substring("secret=".length()).strip();
            try {
                return new AuthorityKey(Secp256k1.scalar(HEX.parseHex(hex)));
            } catch (IllegalArgumentException | CryptoException e) {
                throw new IOException(file + ": secret is not 64 hex digits of a valid secp256k1 secret key");
            }
        }
        throw new IOException(file + ": no secret= line");
    }

    /**
     * Makes a new key and writes it to {@code dataDir} (created if missing) with mode 0600.
     *
     * @throws FileAlreadyExistsException when a key exists and {@code overwrite} is false
     */
    public static AuthorityKey create(Path dataDir, SecureRandom random, boolean overwrite) throws IOException {
        Path file = file(dataDir);
        if (!overwrite && Files.exists(file)) throw new FileAlreadyExistsException(file.toString(), null, "a Noise authority key exists already");
        Files.createDirectories(dataDir);
        AuthorityKey key = generate(random);
        String text = "# sharemint Noise authority key: the secret signs the pool's Noise certificates; keep this file private.\n"
            + "# public key (give it to miners): " + key.publicKeyBase58() + "\n"
            + "secret=" + HEX.formatHex(Secp256k1.bytes32(key.secret)) + "\n";
        Path tmp = posix(dataDir)
            ? Files.createTempFile(dataDir, ".noise-authority", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dataDir, ".noise-authority", ".tmp", new FileAttribute<?>[0]);
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return key;
    }

    /** Where the key lives in {@code dataDir}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The 32-byte x-only public key (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The public key as miners configure it: base58check of [0x01, 0x00] + x-only key. */
    public String publicKeyBase58() {
        return publicKeyBase58(publicKey);
    }

    public static String publicKeyBase58(byte[] xOnly) {
        if (xOnly.length != 32) throw new IllegalArgumentException("x-only public key must be 32 bytes");
        byte[] payload = new byte[34];
        System.arraycopy(PUBLIC_VERSION, 0, payload, 0, 2);
        System.arraycopy(xOnly, 0, payload, 2, 32);
        return Base58Check.encode(payload);
    }

    /**
     * The 32-byte x-only key from its base58check text.
     *
     * @throws IllegalArgumentException naming what is wrong (characters, checksum, version, not a curve point)
     */
    public static byte[] parsePublicKey(String base58) {
        byte[] payload = Base58Check.decode(base58.strip());
        if (payload.length != 34 || payload[0] != PUBLIC_VERSION[0] || payload[1] != PUBLIC_VERSION[1]) {
            throw new IllegalArgumentException("not a Noise authority public key (expected version 0x0100 and 32 key bytes)");
        }
        byte[] key = java.util.Arrays.copyOfRange(payload, 2, 34);
        try {
            Secp256k1.liftX(key);
        } catch (CryptoException e) {
            throw new IllegalArgumentException("authority public key is not on secp256k1");
        }
        return key;
    }

    /**
     * The responder's static key and a certificate valid now for {@code validitySeconds}: the
     * cached pair, or a new one when half its validity is used up, the validity changed, or the
     * clock went back before it.
     */
    synchronized Credentials credentials(long validitySeconds, Clock clock, SecureRandom random) {
        long now = clock.instant().getEpochSecond();
        Credentials c = credentials;
        if (c == null || c.validitySeconds() != validitySeconds || now < c.validFrom() || now - c.validFrom() >= validitySeconds / 2) {
            BigInteger staticSecret = Secp256k1.randomScalar(random);
            var staticPoint = Secp256k1.mulG(staticSecret);
            byte[] encoding = ElligatorSwift.encode(staticPoint, random);
            Certificate cert = Certificate.sign(secret, Secp256k1.xOnly(staticPoint), now, now + validitySeconds, random);
            c = new Credentials(staticSecret, encoding, cert.encode(), now, validitySeconds);
            credentials = c;
        }
        return c;
    }

    /** Signs a certificate with arbitrary window (tests). */
    Certificate sign(byte[] staticXOnly, long validFrom, long notValidAfter, SecureRandom random) {
        return Certificate.sign(secret, staticXOnly, validFrom, notValidAfter, random);
    }

    @Override
    public String toString() {
        return "AuthorityKey[" + publicKeyBase58() + "]";
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void warnIfShared(Path file) {
        if (!posix(file.getParent() == null ? Path.of(".") : file.getParent())) return;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                Logger.warn("{} is readable by others ({}); chmod 600 it", file, PosixFilePermissions.toString(perms));
            }
        } catch (IOException e) {
            Logger.warn("cannot read the permissions of {}: {}", file, e.getMessage());
        }
    }
}
