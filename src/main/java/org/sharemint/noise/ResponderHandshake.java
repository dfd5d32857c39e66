package org.sharemint.noise;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import org.bouncycastle.math.ec.ECPoint;
import org.sharemint.crypto.ElligatorSwift;
import org.sharemint.crypto.FixedBase;
import org.sharemint.crypto.Secp256k1;

/**
 * The responder (pool, or mint link listener) side of Noise NX, without I/O: {@link #act2(byte[])}
 * takes the initiator's 64 bytes and returns the 234 to send back; {@link #session()} then holds
 * the transport ciphers. One handshake per instance, one thread.
 */
public final class ResponderHandshake {
    public static final int ACT1_BYTES = ElligatorSwift.BYTES;
    /** ephemeral encoding 64 | encrypted static encoding 64+16 | encrypted certificate 74+16. */
    public static final int ACT2_BYTES = 64 + (64 + CipherState.MAC_BYTES) + (Certificate.BYTES + CipherState.MAC_BYTES);

    private final Credentials credentials;
    private final SecureRandom random;
    private final SymmetricState state = new SymmetricState();
    private NoiseSession session;

    /**
     * @param certValiditySeconds the window of the certificate shown (issued at {@code clock}'s now)
     */
    public ResponderHandshake(AuthorityKey key, long certValiditySeconds, Clock clock, SecureRandom random) {
        if (certValiditySeconds <= 0) throw new IllegalArgumentException("certificate validity must be positive");
        this.credentials = key.credentials(certValiditySeconds, clock, random);
        this.random = random;
    }

    /** A responder showing these credentials (tests: certificates the authority key would not make). */
    ResponderHandshake(Credentials credentials, SecureRandom random) {
        this.credentials = credentials;
        this.random = random;
    }

    /** Act 1 in, Act 2 out: -> e; <- e, ee, s, es, certificate. */
    public byte[] act2(byte[] act1) throws NoiseException {
        if (session != null) throw new IllegalStateException("handshake already done");
        if (act1.length != ACT1_BYTES) throw new NoiseException("Act 1 has " + act1.length + " bytes, needs " + ACT1_BYTES);
        byte[] re = act1.clone();
        state.mixHash(re);
        state.decryptAndHash(new byte[0], "Act 1"); // no key yet: only h moves
        ECPoint rePoint = ElligatorSwift.decodePoint(re);

        BigInteger ephemeral = Secp256k1.randomScalar(random);
        byte[] e = ElligatorSwift.encode(FixedBase.mulG(ephemeral), random);
        state.mixHash(e);
        // ee and es multiply the same point: computed together they share its precomputation and one inversion
        byte[][] x = ElligatorSwift.xOnlyEcdh(rePoint, ephemeral, credentials.staticSecret());
        state.mixKey(ElligatorSwift.sharedSecret(re, e, x[0]));
        byte[] s = state.encryptAndHash(credentials.staticEncoding());
        state.mixKey(ElligatorSwift.sharedSecret(re, credentials.staticEncoding(), x[1]));
        byte[] cert = state.encryptAndHash(credentials.certificate());

        byte[] out = new byte[ACT2_BYTES];
        System.arraycopy(e, 0, out, 0, 64);
        System.arraycopy(s, 0, out, 64, s.length);
        System.arraycopy(cert, 0, out, 64 + s.length, cert.length);
        CipherState[] c = state.split();
        session = new NoiseSession(c[1], c[0], state.handshakeHash());
        return out;
    }

    /** The transport ciphers, after {@link #act2(byte[])}. */
    public NoiseSession session() {
        if (session == null) throw new IllegalStateException("no session before act2");
        return session;
    }
}
