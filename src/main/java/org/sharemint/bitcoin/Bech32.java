package org.sharemint.bitcoin;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Bech32 (BIP173) and bech32m (BIP350) strings, and the segwit addresses made of them: a
 * decoder that says what is wrong, and an encoder for tests and logs.
 */
public final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int BECH32_CONST = 1;
    private static final int BECH32M_CONST = 0x2bc830a3;
    private static final int MAX_LENGTH = 90;

    /** Which checksum a string carries. */
    public enum Variant { BECH32, BECH32M }

    /** A decoded string: its human-readable part (lower case), its 5-bit data, its variant. */
    public record Decoded(String hrp, byte[] data, Variant variant) {}

    private Bech32() {}

    /** Decodes a bech32 or bech32m string; IllegalArgumentException says what is wrong. */
    public static Decoded decode(String s) {
        if (s.length() > MAX_LENGTH) throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        boolean lower = false, upper = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) throw new IllegalArgumentException("character out of range at " + i);
            if (c >= 'a' && c <= 'z') lower = true;
            if (c >= 'A' && c <= 'Z') upper = true;
        }
        if (lower && upper) throw new IllegalArgumentException("mixed case");
        String t = s.toLowerCase(Locale.ROOT);
        int sep = t.lastIndexOf('1');
        if (sep < 1) throw new IllegalArgumentException(sep < 0 ? "no separator" : "empty human-readable part");
        if (t.length() - sep - 1 < 6) throw new IllegalArgumentException("checksum too short");
        String hrp = t.substring(0, sep);
        byte[] values = new byte[t.length() - sep - 1];
        for (int i = 0; i < values.length; i++) {
            int v = CHARSET.indexOf(t.charAt(sep + 1 + i));
            if (v < 0) throw new IllegalArgumentException("invalid data character '" + t.charAt(sep + 1 + i) + "'");
            values[i] = (byte) v;
        }
        int check = polymod(expand(hrp), values);
        Variant variant = check == BECH32_CONST ? Variant.BECH32 : check == BECH32M_CONST ? Variant.BECH32M : null;
        if (variant == null) throw new IllegalArgumentException("checksum does not match");
        byte[] data = new byte[values.length - 6];
        System.arraycopy(values, 0, data, 0, data.length);
        return new Decoded(hrp, data, variant);
    }

    /** Encodes 5-bit {@code data} under {@code hrp} with the variant's checksum. */
    public static String encode(String hrp, byte[] data, Variant variant) {
        byte[] values = new byte[data.length + 6];
        System.arraycopy(data, 0, values, 0, data.length);
        int mod = polymod(expand(hrp), values) ^ (variant == Variant.BECH32 ? BECH32_CONST : BECH32M_CONST);
        StringBuilder b = new StringBuilder(hrp).append('1');
        for (byte d : data) b.append(CHARSET.charAt(d));
        for (int i = 0; i < 6; i++) b.append(CHARSET.charAt((mod >>> (5 * (5 - i))) & 31));
        return b.toString();
    }

    /**
     * The scriptPubKey of a segwit address for {@code hrp}: OP_n then the witness program.
     * Checks the rules of BIP173/BIP350: version 0..16, bech32 for v0 and bech32m above, a
     * 2..40-byte program (20 or 32 for v0), zero padding of at most 4 bits.
     */
    public static byte[] segwitScript(String hrp, String address) {
        Decoded d = decode(address);
        if (!d.hrp().equals(hrp)) throw new IllegalArgumentException("human-readable part '" + d.hrp() + "' is not '" + hrp + "'");
        if (d.data().length < 1) throw new IllegalArgumentException("empty data section");
        int version = d.data()[0];
        if (version > 16) throw new IllegalArgumentException("invalid witness version " + version);
        if ((version == 0) != (d.variant() == Variant.BECH32)) {
            throw new IllegalArgumentException("checksum does not match (" + (version == 0 ? "bech32" : "bech32m") + " expected for version " + version + ")");
        }
        byte[] program = convertBits(d.data(), 1, d.data().length - 1, 5, 8, false);
        if (program.length < 2 || program.length > 40) throw new IllegalArgumentException("invalid program length " + program.length);
        if (version == 0 && program.length != 20 && program.length != 32) {
            throw new IllegalArgumentException("invalid program length " + program.length + " for witness version 0");
        }
        byte[] script = new byte[2 + program.length];
        script[0] = (byte) (version == 0 ? 0 : 0x50 + version);
        script[1] = (byte) program.length;
        System.arraycopy(program, 0, script, 2, program.length);
        return script;
    }

    /** Regroups bits (8 to 5 with padding, or 5 to 8 without, refusing non-zero or long padding). */
    public static byte[] convertBits(byte[] in, int off, int len, int from, int to, boolean pad) {
        int acc = 0, bits = 0, maxv = (1 << to) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = off; i < off + len; i++) {
            int v = in[i] & 0xFF;
            if (v >>> from != 0) throw new IllegalArgumentException("value out of range");
            acc = (acc << from) | v;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) out.write((acc << (to - bits)) & maxv);
        } else if (bits >= from) {
            throw new IllegalArgumentException("more than 4 bits of padding");
        } else if (((acc << (to - bits)) & maxv) != 0) {
            throw new IllegalArgumentException("non-zero padding");
        }
        return out.toByteArray();
    }

    private static byte[] expand(String hrp) {
        byte[] r = new byte[hrp.length() * 2 + 1];
        for (int i = 0; i < hrp.length(); i++) {
            r[i] = (byte) (hrp.charAt(i) >>> 5);
            r[hrp.length() + 1 + i] = (byte) (hrp.charAt(i) & 31);
        }
        return r;
    }

    private static int polymod(byte[] a, byte[] b) {
        int chk = 1;
        for (byte[] values : new byte[][] {a, b}) {
            for (byte v : values) {
                int top = chk >>> 25;
                chk = ((chk & 0x1ffffff) << 5) ^ (v & 0xFF);
                if ((top & 1) != 0) chk ^= 0x3b6a57b2;
                if ((top & 2) != 0) chk ^= 0x26508e6d;
                if ((top & 4) != 0) chk ^= 0x1ea119fa;
                if ((top & 8) != 0) chk ^= 0x3d4233dd;
                if ((top & 16) != 0) chk ^= 0x2a1462b3;
            }
        }
        return chk;
    }
}
