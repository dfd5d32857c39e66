package org.sharemint.bitcoin;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Bitcoin block parser for tests, written apart from the pool's block building (it shares
 * none of Bitcoin, Coinbase or Blocks): what a submitted block really holds, checked the way a
 * node would (merkle root, BIP34 height, witness commitment, proof of work).
 */
public final class BlockReader {
    public record Output(long value, byte[] script) {}

    public record Tx(byte[] txid, byte[] wtxid, byte[] scriptSig0, List<Output> outputs, List<List<byte[]>> witnesses, boolean segwit) {}

    public record Block(byte[] header, int version, byte[] prevHash, byte[] merkleRoot, int time, int bits, int nonce, List<Tx> txs) {
        public byte[] hash() {
            return sha256d(header);
        }
    }

    private final ByteBuffer in;

    private BlockReader(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static Block read(byte[] bytes) {
        BlockReader r = new BlockReader(bytes);
        byte[] header = r.take(80);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int version = h.getInt(0);
        byte[] prev = Arrays.copyOfRange(header, 4, 36);
        byte[] root = Arrays.copyOfRange(header, 36, 68);
        long n = r.varint();
        List<Tx> txs = new ArrayList<>();
        for (long i = 0; i < n; i++) txs.add(r.tx());
        if (r.in.hasRemaining()) throw new IllegalArgumentException(r.in.remaining() + " bytes after the last transaction");
        return new Block(header, version, prev, root, h.getInt(68), h.getInt(72), h.getInt(76), txs);
    }

    /** One transaction on its own (a SubmitSolution's coinbase). */
    public static Tx readTx(byte[] bytes) {
        BlockReader r = new BlockReader(bytes);
        Tx t = r.tx();
        if (r.in.hasRemaining()) throw new IllegalArgumentException(r.in.remaining() + " bytes after the transaction");
        return t;
    }

    private Tx tx() {
        int start = in.position();
        ByteBuffer plain = ByteBuffer.allocate(in.remaining() + 16).order(ByteOrder.LITTLE_ENDIAN);
        int version = in.getInt();
        plain.putInt(version);
        boolean segwit = in.get(in.position()) == 0;
        if (segwit) {
            in.get();
            if (in.get() != 1) throw new IllegalArgumentException("segwit flag is not 1");
        }
        int bodyStart = in.position();
        long inputs = varint();
        byte[] scriptSig0 = null;
        for (long i = 0; i < inputs; i++) {
            take(36);
            byte[] script = take((int) varint());
            if (i == 0) scriptSig0 = script;
            take(4);
        }
        long outs = varint();
        List<Output> outputs = new ArrayList<>();
        for (long i = 0; i < outs; i++) {
            long value = in.getLong();
            outputs.add(new Output(value, take((int) varint())));
        }
        plain.put(Arrays.copyOfRange(in.array(), bodyStart, in.position()));
        List<List<byte[]>> witnesses = new ArrayList<>();
        if (segwit) {
            for (long i = 0; i < inputs; i++) {
                List<byte[]> items = new ArrayList<>();
                long k = varint();
                for (long j = 0; j < k; j++) items.add(take((int) varint()));
                witnesses.add(items);
            }
        }
        int lock = in.getInt();
        plain.putInt(lock);
        byte[] full = Arrays.copyOfRange(in.array(), start, in.position());
        byte[] stripped = Arrays.copyOf(plain.array(), plain.position());
        return new Tx(sha256d(stripped), sha256d(full), scriptSig0, outputs, witnesses, segwit);
    }

    private long varint() {
        int b = in.get() & 0xFF;
        if (b < 0xFD) return b;
        if (b == 0xFD) return in.getShort() & 0xFFFF;
        if (b == 0xFE) return in.getInt() & 0xFFFFFFFFL;
        return in.getLong();
    }

    private byte[] take(int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    /** The merkle root over hashes (internal order), duplicating the last of an odd level. */
    public static byte[] merkleRoot(List<byte[]> hashes) {
        List<byte[]> level = new ArrayList<>(hashes);
        while (level.size() > 1) {
            if (level.size() % 2 == 1) level.add(level.get(level.size() - 1));
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                byte[] pair = new byte[64];
                System.arraycopy(level.get(i), 0, pair, 0, 32);
                System.arraycopy(level.get(i + 1), 0, pair, 32, 32);
                next.add(sha256d(pair));
            }
            level = next;
        }
        return level.get(0);
    }

    /** The height a BIP34 coinbase scriptSig starts with. */
    public static int bip34Height(byte[] scriptSig) {
        int op = scriptSig[0] & 0xFF;
        if (op >= 0x51 && op <= 0x60) return op - 0x50;
        int v = 0;
        for (int i = 0; i < op; i++) v |= (scriptSig[1 + i] & 0xFF) << (8 * i);
        return v;
    }

    /** Whether the header hash, as a little-endian number, is at most the target nbits encodes. */
    public static boolean meetsTarget(byte[] hash, int bits) {
        java.math.BigInteger target = java.math.BigInteger.valueOf(bits & 0x7FFFFF).shiftLeft(8 * ((bits >>> 24) - 3));
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[i] = hash[31 - i];
        return new java.math.BigInteger(1, be).compareTo(target) <= 0;
    }

    public static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }

    public static byte[] sha256d(byte[] b) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return d.digest(d.digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
