package org.sharemint.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.sharemint.crypto.ElligatorSwift;
import org.sharemint.crypto.Secp256k1;

/**
 * The two caches that spare handshakes a signature: the responder's certificate (re-signed as its
 * window moves on) and the initiator's memory of the last certificate it verified (which must
 * never accept bytes it did not verify, and still checks the window every time).
 */
class CertificateCacheTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock T0 = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    private static Clock at(long secondsAfterT0) {
        return Clock.offset(T0, Duration.ofSeconds(secondsAfterT0));
    }

    @Test
    void responderCertificateIsReSignedWhenItsWindowMoves() throws Exception {
        AuthorityKey authority = AuthorityKey.generate(RANDOM);
        Credentials a = authority.credentials(3600, T0, RANDOM);
        Certificate ca = Certificate.decode(a.certificate());
        assertEquals(T0.instant().getEpochSecond(), ca.validFrom());
        assertEquals(T0.instant().getEpochSecond() + 3600, ca.notValidAfter());
        assertSame(a, authority.credentials(3600, at(1799), RANDOM), "reused within the first half of the window");

        Credentials b = authority.credentials(3600, at(1800), RANDOM);
        assertNotSame(a, b);
        Certificate cb = Certificate.decode(b.certificate());
        assertEquals(T0.instant().getEpochSecond() + 1800, cb.validFrom(), "the new window starts at the new now");
        assertEquals(T0.instant().getEpochSecond() + 1800 + 3600, cb.notValidAfter());
        // and the new certificate is the authority's signature over the new static key
        byte[] staticX = Secp256k1.xOnly(Secp256k1.mulG(b.staticSecret()));
        cb.check(new org.sharemint.crypto.SchnorrVerifier(authority.publicKey()), staticX, T0.instant().getEpochSecond() + 1800);
        assertArrayEquals(staticX, ElligatorSwift.decode(b.staticEncoding()));

        assertNotSame(b, authority.credentials(3600, at(100), RANDOM), "a clock that went back gets a certificate valid at its now");
    }

    @Test
    void handshakesInARowShowOneCertificateAndTheInitiatorRemembersIt() throws Exception {
        AuthorityKey authority = AuthorityKey.generate(RANDOM);
        Credentials c = authority.credentials(3600, T0, RANDOM);
        for (int n = 0; n < 3; n++) handshake(authority.publicKey(), c, T0);
        assertTrue(InitiatorHandshake.verifiedBefore(authority.publicKey(), c.staticEncoding(), c.certificate()));
    }

    @Test
    void rememberedCertificateStillHasItsWindowChecked() throws Exception {
        AuthorityKey authority = AuthorityKey.generate(RANDOM);
        Credentials c = authority.credentials(3600, T0, RANDOM);
        handshake(authority.publicKey(), c, T0);
        assertTrue(InitiatorHandshake.verifiedBefore(authority.publicKey(), c.staticEncoding(), c.certificate()));
        NoiseException e = assertThrows(NoiseException.class, () -> handshake(authority.publicKey(), c, at(3600 + 11)));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        e = assertThrows(NoiseException.class, () -> handshake(authority.publicKey(), c, at(-11)));
        assertTrue(e.getMessage().contains("not valid yet"), e.getMessage());
    }

    @Test
    void sameStaticKeyWithAnotherCertificateIsVerifiedAfresh() throws Exception {
        AuthorityKey authority = AuthorityKey.generate(RANDOM);
        AuthorityKey other = AuthorityKey.generate(RANDOM);
        Credentials good = authority.credentials(3600, T0, RANDOM);
        handshake(authority.publicKey(), good, T0);
        assertTrue(InitiatorHandshake.verifiedBefore(authority.publicKey(), good.staticEncoding(), good.certificate()));

        // the remembered static key and window, but signed by someone else
        byte[] staticX = Secp256k1.xOnly(Secp256k1.mulG(good.staticSecret()));
        long from = T0.instant().getEpochSecond();
        byte[] forged = other.sign(staticX, from, from + 3600, RANDOM).encode();
        Credentials bad = new Credentials(good.staticSecret(), good.staticEncoding(), forged, from, 3600);
        NoiseException e = assertThrows(NoiseException.class, () -> handshake(authority.publicKey(), bad, T0));
        assertTrue(e.getMessage().contains("not signed by the expected authority"), e.getMessage());
        assertFalse(InitiatorHandshake.verifiedBefore(authority.publicKey(), good.staticEncoding(), forged));

        // a valid certificate of another authority, pinned to the first: refused though its bytes were seen
        Credentials theirs = other.credentials(3600, T0, RANDOM);
        handshake(other.publicKey(), theirs, T0);
        assertTrue(InitiatorHandshake.verifiedBefore(other.publicKey(), theirs.staticEncoding(), theirs.certificate()));
        e = assertThrows(NoiseException.class, () -> handshake(authority.publicKey(), theirs, T0));
        assertTrue(e.getMessage().contains("not signed by the expected authority"), e.getMessage());
    }

    @Test
    void anotherEncodingOfTheSameStaticKeyIsVerifiedAfresh() throws Exception {
        AuthorityKey authority = AuthorityKey.generate(RANDOM);
        Credentials c = authority.credentials(3600, T0, RANDOM);
        handshake(authority.publicKey(), c, T0);
        BigInteger s = c.staticSecret();
        byte[] reencoded = ElligatorSwift.encode(Secp256k1.mulG(s), RANDOM);
        Credentials other = new Credentials(s, reencoded, c.certificate(), c.validFrom(), c.validitySeconds());
        handshake(authority.publicKey(), other, T0);
        assertTrue(InitiatorHandshake.verifiedBefore(authority.publicKey(), reencoded, c.certificate()));
    }

    /** One in-memory handshake; both ends must agree on the handshake hash. */
    private static void handshake(byte[] pinned, Credentials credentials, Clock initiatorClock) throws NoiseException {
        InitiatorHandshake i = new InitiatorHandshake(pinned, initiatorClock, RANDOM);
        ResponderHandshake r = new ResponderHandshake(credentials, RANDOM);
        NoiseSession si = i.act2(r.act2(i.act1()));
        assertArrayEquals(r.session().handshakeHash(), si.handshakeHash());
    }
}
