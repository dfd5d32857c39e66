package org.sharemint.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes SV2 data types (all little-endian) into a growable buffer. A value that does not fit
 * its type (a 300-byte STR0_255, a U16 of 70000, a U256 of 31 bytes) is a programming error on
 * our side and throws IllegalArgumentException; nothing is written for it. Not thread-safe.
 */
public final class WireWriter {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int size;

    public WireWriter() {
        this(64);
    }

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 0)];
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public WireWriter u8(int v) {
        check(v, 0xFF, "U8");
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter u16(int v) {
        check(v, 0xFFFF, "U16");
        ensure(2);
        U16.set(buf, size, (short) v);
        size += 2;
        return this;
    }

    public WireWriter u24(int v) {
        check(v, 0xFF_FFFF, "U24");
        ensure(3);
        putU24(buf, size, v);
        size += 3;
        return this;
    }

    /** U32 from raw bits: every int is a valid U32. */
    public WireWriter u32(int v) {
        ensure(4);
        U32.set(buf, size, v);
        size += 4;
        return this;
    }

    /** U64 from raw bits. */
    public WireWriter u64(long v) {
        ensure(8);
        U64.set(buf, size, v);
        size += 8;
        return this;
    }

    public WireWriter f32(float v) {
        return u32(Float.floatToRawIntBits(v));
    }

    public WireWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    /** U256: exactly 32 raw bytes. */
    public WireWriter u256(byte[] v) {
        if (v.length != 32) {
            throw new IllegalArgumentException("U256 must be 32 bytes, got " + v.length);
        }
        return raw(v);
    }

    /** STR0_255: the UTF-8 bytes of {@code s}, at most 255; an unpaired surrogate is refused. */
    public WireWriter str0_255(String s) {
        int n = s.length();
        if (n <= 255 && isAscii(s)) {
            ensure(1 + n);
            buf[size++] = (byte) n;
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) s.charAt(i); // ASCII: each char is its own UTF-8 byte
            }
            return this;
        }
        byte[] utf8 = utf8(s);
        if (utf8.length > 255) {
            throw new IllegalArgumentException("STR0_255 of " + utf8.length + " bytes exceeds 255");
        }
        return u8(utf8.length).raw(utf8);
    }

    public WireWriter b0_32(byte[] v) {
        return bytes(v, 1, 32, "B0_32");
    }

    public WireWriter b0_255(byte[] v) {
        return bytes(v, 1, 255, "B0_255");
    }

    public WireWriter b0_64k(byte[] v) {
        return bytes(v, 2, 0xFFFF, "B0_64K");
    }

    public WireWriter b0_16m(byte[] v) {
        return bytes(v, 3, 0xFF_FFFF, "B0_16M");
    }

    public WireWriter seq0_255U256(List<byte[]> v) {
        if (v.size() > 255) {
            throw new IllegalArgumentException("SEQ0_255[U256] of " + v.size() + " entries exceeds 255");
        }
        for (byte[] e : v) {
            if (e.length != 32) {
                throw new IllegalArgumentException("SEQ0_255[U256] entry must be 32 bytes, got " + e.length);
            }
        }
        u8(v.size());
        for (byte[] e : v) {
            raw(e);
        }
        return this;
    }

    /** SEQ0_64K[U16]: every entry must be 0..65535. */
    public WireWriter seq0_64kU16(int[] v) {
        checkCount(v.length, "SEQ0_64K[U16]");
        for (int e : v) {
            check(e, 0xFFFF, "SEQ0_64K[U16] entry");
        }
        u16(v.length);
        for (int e : v) {
            u16(e);
        }
        return this;
    }

    public WireWriter seq0_64kU32(int[] v) {
        checkCount(v.length, "SEQ0_64K[U32]");
        u16(v.length);
        for (int e : v) {
            u32(e);
        }
        return this;
    }

    /** OPTION[U32]: null writes count 0. */
    public WireWriter optionU32(Integer v) {
        return v == null ? u8(0) : u8(1).u32(v);
    }

    /**
     * The bytes written, without a copy when the buffer is exactly full; the writer must not be
     * used afterwards (the codec's single-use writers).
     */
    byte[] toExactArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    /** The internal buffer (valid up to {@link #size()}); for the codec, which avoids a copy. */
    byte[] buffer() {
        return buf;
    }

    static void putU24(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
    }

    private WireWriter bytes(byte[] v, int prefix, int max, String type) {
        if (v.length > max) {
            throw new IllegalArgumentException(type + " of " + v.length + " bytes exceeds " + max);
        }
        switch (prefix) {
            case 1 -> u8(v.length);
            case 2 -> u16(v.length);
            default -> u24(v.length);
        }
        return raw(v);
    }

    private WireWriter raw(byte[] v) {
        ensure(v.length);
        System.arraycopy(v, 0, buf, size, v.length);
        size += v.length;
        return this;
    }

    private void ensure(int n) {
        if (buf.length - size < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    private static void check(int v, int max, String type) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(type + " value " + v + " out of range 0.." + max);
        }
    }

    private static void checkCount(int n, String type) {
        if (n > 0xFFFF) {
            throw new IllegalArgumentException(type + " of " + n + " entries exceeds 65535");
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static byte[] utf8(String s) {
        Objects.requireNonNull(s, "STR0_255");
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            return Arrays.copyOf(b.array(), b.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("STR0_255 is not encodable as UTF-8 (unpaired surrogate)", e);
        }
    }
}
