package org.sharemint.noise;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.CryptoException;
import org.sharemint.crypto.ElligatorSwift;
import org.sharemint.crypto.FixedBase;
import org.sharemint.crypto.SchnorrVerifier;
import org.sharemint.crypto.Secp256k1;

/**
 * The initiator (miner, or pool towards a remote mint) side of Noise NX, without I/O:
 * {@link #act1()} gives the 64 bytes to send, {@link #act2(byte[])} takes the responder's 234
 * bytes, checks the certificate against the pinned authority key and yields the session.
 * One handshake per instance, one thread.
 */
public final class InitiatorHandshake {
    public static final int ACT1_BYTES = ElligatorSwift.BYTES;
    public static final int ACT2_BYTES = ResponderHandshake.ACT2_BYTES;

    /** The last pinned key's verifier: a process pins one or two keys, and lifting one costs a square root. */
    private static volatile SchnorrVerifier lastVerifier;
    /**
     * The last responder credentials whose certificate signature checked out. A pool shows the
     * same static key and certificate to every connection until it renews them, so a miner (or
     * the load generator) with many connections pays for the signature check and the static
     * key's decoding once; the window is still checked on every handshake.
     */
    private static volatile Verified lastVerified;

    /**
     * A certificate whose signature by {@code authorityKey} over the static key encoded as
     * {@code staticEncoding} was verified; {@code staticPoint} is that key decoded, with the
     * precomputed multiples BouncyCastle keeps on it for the es multiplication.
     */
    private record Verified(byte[] authorityKey, byte[] staticEncoding, byte[] certificate, ECPoint staticPoint) {
        boolean sameStatic(byte[] authority, byte[] encoding) {
            return Arrays.equals(authorityKey, authority) && Arrays.equals(staticEncoding, encoding);
        }
    }

    private final SchnorrVerifier authority;
    private final byte[] authorityKey;
    private final Clock clock;
    private final SecureRandom random;
    private final SymmetricState state = new SymmetricState();
    private BigInteger ephemeral;
    private byte[] ephemeralEncoding;
    private boolean done;

    /**
     * @param authorityKey the pool's 32-byte x-only authority public key
     * @param clock the certificate's window is checked against it
     */
    public InitiatorHandshake(byte[] authorityKey, Clock clock, SecureRandom random) {
        this.authority = verifier(authorityKey);
        this.authorityKey = authorityKey.clone();
        this.clock = clock;
        this.random = random;
    }

    private static SchnorrVerifier verifier(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("authority key must be 32 bytes (x-only)");
        SchnorrVerifier v = lastVerifier;
        if (v != null && Arrays.equals(v.publicKey(), key)) return v;
        try {
            v = new SchnorrVerifier(key);
        } catch (CryptoException e) {
            throw new IllegalArgumentException("authority key is not on secp256k1");
        }
        lastVerifier = v;
        return v;
    }

    /** True when the last verified certificate is exactly this one (tests). */
    static boolean verifiedBefore(byte[] authorityKey, byte[] staticEncoding, byte[] certificate) {
        Verified v = lastVerified;
        return v != null && v.sameStatic(authorityKey, staticEncoding) && Arrays.equals(v.certificate(), certificate);
    }

    /** Act 1: -> e (the ephemeral key's ElligatorSwift encoding). */
    public byte[] act1() {
        if (ephemeral != null) throw new IllegalStateException("act1 already done");
        ephemeral = Secp256k1.randomScalar(random);
        ephemeralEncoding = ElligatorSwift.encode(FixedBase.mulG(ephemeral), random);
        state.mixHash(ephemeralEncoding);
        try {
            state.encryptAndHash(new byte[0]); // no key yet: only h moves
        } catch (NoiseException e) {
            throw new IllegalStateException(e);
        }
        return ephemeralEncoding.clone();
    }

    /** Act 2: <- e, ee, s, es, certificate. A NoiseException says why the responder is refused. */
    public NoiseSession act2(byte[] message) throws NoiseException {
        if (ephemeral == null || done) throw new IllegalStateException("act2 needs act1 first, once");
        done = true;
        if (message.length != ACT2_BYTES) throw new NoiseException("Act 2 has " + message.length + " bytes, needs " + ACT2_BYTES);
        byte[] re = Arrays.copyOfRange(message, 0, 64);
        state.mixHash(re);
        state.mixKey(ElligatorSwift.sharedSecret(ephemeralEncoding, re, ElligatorSwift.xOnlyEcdh(re, ephemeral)));
        byte[] rs = state.decryptAndHash(Arrays.copyOfRange(message, 64, 144), "Act 2 static key");
        Verified known = lastVerified;
        if (known != null && !known.sameStatic(authorityKey, rs)) known = null;
        ECPoint rsPoint = known != null ? known.staticPoint() : ElligatorSwift.decodePoint(rs);
        state.mixKey(ElligatorSwift.sharedSecret(ephemeralEncoding, rs, ElligatorSwift.xOnlyEcdh(rsPoint, ephemeral)));
        byte[] cert = state.decryptAndHash(Arrays.copyOfRange(message, 144, ACT2_BYTES), "Act 2 certificate");
        Certificate certificate = Certificate.decode(cert);
        long now = clock.instant().getEpochSecond();
        if (known != null && Arrays.equals(known.certificate(), cert)) {
            certificate.checkWindow(now); // these exact bytes passed the signature check before
        } else {
            certificate.check(authority, Secp256k1.xOnly(rsPoint), now);
            lastVerified = new Verified(authorityKey, rs, cert, rsPoint);
        }
        CipherState[] c = state.split();
        return new NoiseSession(c[0], c[1], state.handshakeHash());
    }
}
