package org.sharemint.bitcoin;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The pool's coinbase for a {@link BlockTemplate}, split around the extranonce as SV2 jobs
 * carry it. The non-witness serialization (what the txid and the merkle root hash) is
 * {@code prefix | extranonce | suffix}:
 * the template's version, one input spending nothing, scriptSig = height push (BIP34; a TP's
 * coinbase_prefix instead) | push of the extranonce | push of the tag, the template's sequence,
 * the payout output (coinbasevalue), the source's outputs, the witness commitment, locktime.
 *
 * @param prefix bytes before the extranonce
 * @param suffix bytes after it
 * @param witness whether the block's coinbase carries the witness reserved value (the template has a commitment)
 */
public record Coinbase(byte[] prefix, byte[] suffix, boolean witness) {
    /** Consensus: a coinbase scriptSig has 2..100 bytes. */
    public static final int MAX_SCRIPT_SIG = 100;
    /** What getblocktemplate leaves for the coinbase (Bitcoin Core reserves 4000 weight, 400 sigops). */
    public static final int RESERVED_WEIGHT = 4000;
    public static final int RESERVED_SIGOPS = 400;

    /**
     * Builds the coinbase for {@code t} paying {@code payoutScript}, with room for
     * {@code extranonceBytes} and as much of {@code tag} as fits the scriptSig.
     *
     * @throws IllegalArgumentException when the template leaves no valid coinbase (value, size)
     */
    public static Coinbase build(BlockTemplate t, byte[] payoutScript, byte[] tag, int extranonceBytes) {
        if (t.coinbaseValue() < 0 || t.coinbaseValue() > 21_000_000L * 100_000_000L) {
            throw new IllegalArgumentException("coinbasevalue " + t.coinbaseValue() + " is out of range");
        }
        if (extranonceBytes < 1 || extranonceBytes > 75) throw new IllegalArgumentException("extranonce of " + extranonceBytes + " bytes");
        // a TP's coinbase_prefix already starts with the height push; getblocktemplate gives none
        byte[] heightPush = t.coinbasePrefix().length > 0 ? t.coinbasePrefix() : Bitcoin.heightPush(t.height());
        int fixed = heightPush.length + 1 + extranonceBytes;
        int room = MAX_SCRIPT_SIG - fixed - 1;
        if (room < 0) throw new IllegalArgumentException("the template's coinbase prefix leaves no room for the extranonce");
        byte[] tagPart = Arrays.copyOf(tag, Math.min(tag.length, Math.min(room, 75)));
        int scriptLength = fixed + (tagPart.length == 0 ? 0 : 1 + tagPart.length);

        ByteArrayOutputStream p = new ByteArrayOutputStream();
        Bitcoin.putLe32(p, t.coinbaseVersion());
        p.write(1);
        p.writeBytes(new byte[32]);
        Bitcoin.putLe32(p, 0xFFFFFFFF);
        Bitcoin.putCompactSize(p, scriptLength);
        p.writeBytes(heightPush);
        p.write(extranonceBytes);

        ByteArrayOutputStream s = new ByteArrayOutputStream();
        if (tagPart.length > 0) {
            s.write(tagPart.length);
            s.writeBytes(tagPart);
        }
        Bitcoin.putLe32(s, t.coinbaseSequence());
        boolean commitment = t.witnessCommitment() != null;
        Blocks.putCompactSize(s, 1L + t.extraOutputCount() + (commitment ? 1 : 0));
        putOutput(s, t.coinbaseValue(), payoutScript);
        s.writeBytes(t.extraOutputs());
        if (commitment) putOutput(s, 0, t.witnessCommitment());
        Bitcoin.putLe32(s, t.coinbaseLocktime());
        Coinbase c = new Coinbase(p.toByteArray(), s.toByteArray(), t.segwit());
        int weight = c.weight(extranonceBytes);
        if (weight > RESERVED_WEIGHT) throw new IllegalArgumentException("coinbase weight " + weight + " exceeds the " + RESERVED_WEIGHT + " reserved for it");
        return c;
    }

    /** The non-witness serialization for one extranonce (given in parts). */
    public byte[] bytes(byte[]... extranonce) {
        byte[][] parts = new byte[extranonce.length + 2][];
        parts[0] = prefix;
        System.arraycopy(extranonce, 0, parts, 1, extranonce.length);
        parts[parts.length - 1] = suffix;
        return Bitcoin.concat(parts);
    }

    /** Weight of the coinbase in a block: 4 per non-witness byte, 1 per witness byte. */
    public int weight(int extranonceBytes) {
        int base = prefix.length + extranonceBytes + suffix.length;
        return 4 * base + (witness ? 2 + 1 + 1 + 32 : 0);
    }

    /**
     * The serialization a block carries: with the segwit marker, flag and the 32-byte zero
     * witness reserved value when the template commits to witnesses (BIP141), else as is.
     */
    public static byte[] blockForm(byte[] coinbase, boolean witness) {
        if (!witness) return coinbase;
        ByteArrayOutputStream out = new ByteArrayOutputStream(coinbase.length + 38);
        out.write(coinbase, 0, 4);
        out.write(0);
        out.write(1);
        out.write(coinbase, 4, coinbase.length - 8);
        out.write(1);
        out.write(32);
        out.writeBytes(new byte[32]);
        out.write(coinbase, coinbase.length - 4, 4);
        return out.toByteArray();
    }

    private static void putOutput(ByteArrayOutputStream out, long value, byte[] script) {
        Bitcoin.putLe64(out, value);
        Bitcoin.putCompactSize(out, script.length);
        out.writeBytes(script);
    }
}
