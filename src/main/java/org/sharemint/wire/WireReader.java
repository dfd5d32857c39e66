package org.sharemint.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads SV2 data types (all little-endian) from a slice of a byte array. Every read checks the
 * bytes remaining, and every length or count is checked against its type's maximum and against
 * the bytes remaining before anything is allocated, so a hostile length costs nothing.
 * Errors are {@link WireException}s that start with the context (the message being decoded).
 * Not thread-safe; one reader per payload.
 */
public final class WireReader {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buf;
    private final int start;
    private final int end;
    private final String context;
    private int pos;

    /** A reader over the whole array; errors start with "decode". */
    public WireReader(byte[] buf) {
        this(buf, 0, buf.length, "decode");
    }

    /**
     * A reader over {@code buf[off, off+len)}.
     *
     * @param context prefix of every error, normally the message name
     */
    public WireReader(byte[] buf, int off, int len, String context) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("slice " + off + "+" + len + " of " + buf.length);
        }
        this.buf = buf;
        this.start = off;
        this.end = off + len;
        this.pos = off;
        this.context = context;
    }

    /** Bytes not read yet. */
    public int remaining() {
        return end - pos;
    }

    /**
     * Fails unless at least {@code n} bytes remain. Fixed-size messages call it first, so a
     * short payload is reported with the size the message needs.
     */
    public void require(int n) throws WireException {
        if (end - pos < n) {
            throw fail("payload has " + (end - start) + " bytes, needs " + (pos - start + n));
        }
    }

    /** Fails if any byte is left: a message never has trailing bytes. */
    public void expectEnd() throws WireException {
        if (pos != end) {
            throw fail("payload has " + (end - start) + " bytes, " + (end - pos) + " left after the last field");
        }
    }

    public int u8() throws WireException {
        need(1, "U8");
        return buf[pos++] & 0xFF;
    }

    public int u16() throws WireException {
        need(2, "U16");
        int v = (short) U16.get(buf, pos) & 0xFFFF;
        pos += 2;
        return v;
    }

    public int u24() throws WireException {
        need(3, "U24");
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16;
        pos += 3;
        return v;
    }

    /** U32 as raw bits: values above 2^31-1 come back negative; use Integer.toUnsignedLong. */
    public int u32() throws WireException {
        need(4, "U32");
        int v = (int) U32.get(buf, pos);
        pos += 4;
        return v;
    }

    /** U64 as raw bits (unsigned; use Long.toUnsignedString to print). */
    public long u64() throws WireException {
        need(8, "U64");
        long v = (long) U64.get(buf, pos);
        pos += 8;
        return v;
    }

    public float f32() throws WireException {
        return Float.intBitsToFloat(u32());
    }

    /**
     * BOOL. The spec says only the low bit is read, but a decoder that accepts 2 as "false"
     * lets two different byte strings mean the same message (style.md warns against exactly
     * that), so anything other than 0 or 1 is rejected.
     */
    public boolean bool() throws WireException {
        need(1, "BOOL");
        int v = buf[pos] & 0xFF;
        if (v > 1) {
            throw fail("BOOL at byte " + (pos - start) + " is " + v + ", not 0 or 1");
        }
        pos++;
        return v == 1;
    }

    /** U256: 32 raw bytes (a little-endian integer), copied. */
    public byte[] u256() throws WireException {
        need(32, "U256");
        return take(32);
    }

    /** STR0_255: 1-byte length, then that many bytes of valid UTF-8. */
    public String str0_255() throws WireException {
        int len = length(1, 255, "STR0_255");
        int p = pos;
        pos += len;
        for (int i = p; i < p + len; i++) {
            if (buf[i] < 0) {
                return utf8(p, len);
            }
        }
        // all ASCII: every byte is its own char, no decoder needed
        return new String(buf, p, len, StandardCharsets.ISO_8859_1);
    }

    public byte[] b0_32() throws WireException {
        return take(length(1, 32, "B0_32"));
    }

    public byte[] b0_255() throws WireException {
        return take(length(1, 255, "B0_255"));
    }

    public byte[] b0_64k() throws WireException {
        return take(length(2, 0xFFFF, "B0_64K"));
    }

    public byte[] b0_16m() throws WireException {
        return take(length(3, 0xFF_FFFF, "B0_16M"));
    }

    /** SEQ0_255[U256]: 1-byte count, then count 32-byte values. */
    public List<byte[]> seq0_255U256() throws WireException {
        int count = count(1, 255, 32, "SEQ0_255[U256]");
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(take(32));
        }
        return out;
    }

    /** SEQ0_64K[U16]: U16 count, then count U16 values. */
    public int[] seq0_64kU16() throws WireException {
        int count = count(2, 0xFFFF, 2, "SEQ0_64K[U16]");
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = u16();
        }
        return out;
    }

    /** SEQ0_64K[U32]: U16 count, then count U32 values. */
    public int[] seq0_64kU32() throws WireException {
        int count = count(2, 0xFFFF, 4, "SEQ0_64K[U32]");
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = u32();
        }
        return out;
    }

    /** OPTION[U32]: count byte 0 (null) or 1, then the U32. */
    public Integer optionU32() throws WireException {
        need(1, "OPTION[U32]");
        int count = buf[pos] & 0xFF;
        if (count > 1) {
            throw fail("OPTION[U32] at byte " + (pos - start) + " has count " + count + ", not 0 or 1");
        }
        pos++;
        return count == 0 ? null : u32();
    }

    /** A new error with this reader's context in front. */
    public WireException fail(String reason) {
        return new WireException(context + ": " + reason);
    }

    private void need(int n, String type) throws WireException {
        if (end - pos < n) {
            throw fail("payload has " + (end - start) + " bytes, " + type + " at byte " + (pos - start)
                    + " needs " + n);
        }
    }

    /** Reads a length prefix of {@code prefix} bytes, checked against max and the bytes remaining. */
    private int length(int prefix, int max, String type) throws WireException {
        return count(prefix, max, 1, type);
    }

    /** Reads a count prefix; count * elementBytes must fit in what remains (max <= 2^24, no overflow). */
    private int count(int prefix, int max, int elementBytes, String type) throws WireException {
        int at = pos - start;
        int n = switch (prefix) {
            case 1 -> u8();
            case 2 -> u16();
            default -> u24();
        };
        if (n > max) {
            throw fail(type + " at byte " + at + " declares " + n + ", maximum " + max);
        }
        long bytes = (long) n * elementBytes;
        if (bytes > end - pos) {
            throw fail(type + " at byte " + at + " declares " + bytes + " bytes, " + (end - pos) + " remain");
        }
        return n;
    }

    /** Copies the next n bytes; the caller has checked they are there. */
    private byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    private String utf8(int p, int len) throws WireException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, p, len))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail("STR0_255 at byte " + (p - 1 - start) + " is not valid UTF-8");
        }
    }
}
