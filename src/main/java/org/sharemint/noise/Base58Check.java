package org.sharemint.noise;

import java.math.BigInteger;
import java.util.Arrays;
import org.sharemint.crypto.Hashes;

/** Bitcoin's base58check: payload then the first 4 bytes of SHA256d(payload), in base58. */
public final class Base58Check {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    /** Longer text is refused before any arithmetic (our payloads are 34 bytes, ~51 characters). */
    private static final int MAX_CHARS = 200;

    private Base58Check() {}

    public static String encode(byte[] payload) {
        byte[] check = Hashes.sha256d(payload);
        byte[] data = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(check, 0, data, payload.length, 4);
        StringBuilder b = new StringBuilder();
        BigInteger v = new BigInteger(1, data);
        while (v.signum() > 0) {
            BigInteger[] qr = v.divideAndRemainder(BASE);
            b.append(ALPHABET.charAt(qr[1].intValue()));
            v = qr[0];
        }
        for (int i = 0; i < data.length && data[i] == 0; i++) b.append('1');
        return b.reverse().toString();
    }

    /** The payload, or IllegalArgumentException naming what is wrong (bad character, checksum). */
    public static byte[] decode(String text) {
        if (text.isEmpty() || text.length() > MAX_CHARS) throw new IllegalArgumentException("base58check text must have 1.." + MAX_CHARS + " characters");
        BigInteger v = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            int digit = ALPHABET.indexOf(text.charAt(i));
            if (digit < 0) throw new IllegalArgumentException("'" + text.charAt(i) + "' is not a base58 character");
            if (leading && digit == 0) zeros++;
            else leading = false;
            v = v.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] body = v.signum() == 0 ? new byte[0] : v.toByteArray();
        if (body.length > 0 && body[0] == 0) body = Arrays.copyOfRange(body, 1, body.length);
        byte[] data = new byte[zeros + body.length];
        System.arraycopy(body, 0, data, zeros, body.length);
        if (data.length < 4) throw new IllegalArgumentException("base58check text is too short");
        byte[] payload = Arrays.copyOf(data, data.length - 4);
        byte[] check = Hashes.sha256d(payload);
        if (!Arrays.equals(check, 0, 4, data, data.length - 4, data.length)) throw new IllegalArgumentException("base58check checksum does not match");
        return payload;
    }
}
