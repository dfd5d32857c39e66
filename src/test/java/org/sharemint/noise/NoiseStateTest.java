package org.sharemint.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.sharemint.crypto.Hashes;

/** The handshake's building blocks, without sockets. */
class NoiseStateTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void protocolNameHashIsTheOneInWireMd() {
        assertEquals("2eb47881208e9eee1f669f67c66ee70ea9ea88090d503fe830dc4bc83e29bf10", HEX.formatHex(SymmetricState.PROTOCOL_NAME_HASH));
        assertArrayEquals(Hashes.sha256(SymmetricState.PROTOCOL_NAME_HASH), new SymmetricState().handshakeHash());
    }

    @Test
    void hkdfFollowsTheNoiseDefinition() {
        byte[] ck = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] ikm = "input key material".getBytes();
        byte[][] out = SymmetricState.hkdf2(ck, ikm);
        byte[] temp = SymmetricState.hmac(ck, ikm);
        assertArrayEquals(SymmetricState.hmac(temp, new byte[] {1}), out[0]);
        byte[] in2 = new byte[33];
        System.arraycopy(out[0], 0, in2, 0, 32);
        in2[32] = 2;
        assertArrayEquals(SymmetricState.hmac(temp, in2), out[1]);
        // RFC 4231 test case 2 pins HMAC-SHA256 itself
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            HEX.formatHex(SymmetricState.hmac("Jefe".getBytes(), "what do ya want for nothing?".getBytes())));
    }

    @Test
    void cipherNonceIsFourZerosThenCounterLittleEndian() throws Exception {
        byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] ad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
        CipherState a = new CipherState(key), b = new CipherState(key);
        for (long n = 0; n < 3; n++) {
            byte[] plain = ("message " + n).getBytes();
            byte[] sent = a.encrypt(ad, plain);
            // the same message through BouncyCastle with the nonce spelled out: 00000000 || n as U64 LE
            byte[] nonce = new byte[12];
            nonce[4] = (byte) n;
            org.bouncycastle.crypto.modes.ChaCha20Poly1305 ref = new org.bouncycastle.crypto.modes.ChaCha20Poly1305();
            ref.init(true, new org.bouncycastle.crypto.params.AEADParameters(new org.bouncycastle.crypto.params.KeyParameter(key), 128, nonce, ad));
            byte[] expected = new byte[plain.length + 16];
            int w = ref.processBytes(plain, 0, plain.length, expected, 0);
            ref.doFinal(expected, w);
            assertArrayEquals(expected, sent, "nonce " + n);
            assertArrayEquals(plain, b.decrypt(ad, sent, "m" + n));
        }
        byte[] again = a.encrypt(ad, "x".getBytes());
        again[0] ^= 1;
        NoiseException e = assertThrows(NoiseException.class, () -> b.decrypt(ad, again, "flipped"));
        assertEquals("flipped: bad MAC", e.getMessage());
    }

    @Test
    void certificateRoundTripAndWindow() throws NoiseException {
        AuthorityKey authority = AuthorityKey.generate(RANDOM);
        byte[] staticKey = AuthorityKey.generate(RANDOM).publicKey();
        Certificate cert = authority.sign(staticKey, 1_000_000, 1_003_600, RANDOM);
        Certificate back = Certificate.decode(cert.encode());
        assertEquals(74, cert.encode().length);
        assertEquals(1_000_000, back.validFrom());
        assertEquals(1_003_600, back.notValidAfter());
        back.check(v(authority.publicKey()), staticKey, 1_000_000);
        back.check(v(authority.publicKey()), staticKey, 999_990); // 10 s early: leeway
        back.check(v(authority.publicKey()), staticKey, 1_003_610); // 10 s late: leeway
        assertThrows(NoiseException.class, () -> back.check(v(authority.publicKey()), staticKey, 999_989));
        assertThrows(NoiseException.class, () -> back.check(v(authority.publicKey()), staticKey, 1_003_611));
        NoiseException other = assertThrows(NoiseException.class, () -> back.check(v(AuthorityKey.generate(RANDOM).publicKey()), staticKey, 1_000_000));
        assertTrue(other.getMessage().contains("authority"), other.getMessage());
        assertThrows(NoiseException.class, () -> back.check(v(authority.publicKey()), AuthorityKey.generate(RANDOM).publicKey(), 1_000_000));
        assertThrows(NoiseException.class, () -> Certificate.decode(new byte[73]));
    }

    private static org.sharemint.crypto.SchnorrVerifier v(byte[] key) {
        try {
            return new org.sharemint.crypto.SchnorrVerifier(key);
        } catch (org.sharemint.crypto.CryptoException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void handshakeInMemoryAgreesOnEverything() throws Exception {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
        AuthorityKey authority = AuthorityKey.generate(RANDOM);
        InitiatorHandshake i = new InitiatorHandshake(authority.publicKey(), clock, RANDOM);
        ResponderHandshake r = new ResponderHandshake(authority, 3600, clock, RANDOM);
        byte[] act1 = i.act1();
        assertEquals(64, act1.length);
        byte[] act2 = r.act2(act1);
        assertEquals(234, act2.length);
        NoiseSession si = i.act2(act2);
        assertArrayEquals(r.session().handshakeHash(), si.handshakeHash());
        // the initiator's send cipher is the responder's receive cipher, and the other way round
        byte[] msg = "hello".getBytes();
        assertArrayEquals(msg, r.session().receiveCipher().decrypt(new byte[0], si.sendCipher().encrypt(new byte[0], msg), "i->r"));
        assertArrayEquals(msg, si.receiveCipher().decrypt(new byte[0], r.session().sendCipher().encrypt(new byte[0], msg), "r->i"));
    }

    @Test
    void responderReusesItsCertificateUntilHalfTheValidityHasPassed() {
        AuthorityKey authority = AuthorityKey.generate(RANDOM);
        Clock t0 = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
        Credentials a = authority.credentials(3600, t0, RANDOM);
        assertTrue(a == authority.credentials(3600, Clock.offset(t0, java.time.Duration.ofSeconds(1799)), RANDOM));
        Credentials b = authority.credentials(3600, Clock.offset(t0, java.time.Duration.ofSeconds(1800)), RANDOM);
        assertTrue(a != b && !a.staticSecret().equals(b.staticSecret()), "a new static key with the new certificate");
        assertTrue(b != authority.credentials(60, Clock.offset(t0, java.time.Duration.ofSeconds(1800)), RANDOM), "validity changed");
    }
}
