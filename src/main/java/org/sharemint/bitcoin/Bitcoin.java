package org.sharemint.bitcoin;

import java.io.ByteArrayOutputStream;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.sharemint.crypto.Hashes;

/**
 * Bitcoin serialization the job source, share validation, the miner and the bench share: the
 * 80-byte block header (wire.md, "Share validation"), the coinbase's pieces and the merkle path.
 */
public final class Bitcoin {
    /** Header bytes (version, prev hash, merkle root, ntime, nbits, nonce). */
    public static final int HEADER_BYTES = 80;
    /** Where the nonce sits in the header (the last four bytes). */
    public static final int NONCE_OFFSET = 76;

    private Bitcoin() {}

    /** The 80-byte block header; integers little-endian, hashes as raw bytes. */
    public static byte[] header(int version, byte[] prevHash, byte[] merkleRoot, int ntime, int nbits, int nonce) {
        byte[] h = new byte[HEADER_BYTES];
        fillHeader(h, version, prevHash, merkleRoot, ntime, nbits, nonce);
        return h;
    }

    /** Writes the header into {@code h} (80 bytes), for a caller that reuses one array per nonce. */
    public static void fillHeader(byte[] h, int version, byte[] prevHash, byte[] merkleRoot, int ntime, int nbits, int nonce) {
        putLe32(h, 0, version);
        System.arraycopy(prevHash, 0, h, 4, 32);
        System.arraycopy(merkleRoot, 0, h, 36, 32);
        putLe32(h, 68, ntime);
        putLe32(h, 72, nbits);
        putLe32(h, NONCE_OFFSET, nonce);
    }

    /** A fresh SHA-256 digest (the JDK's: HotSpot uses the CPU's SHA instructions for it). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Writes SHA256d(header) into {@code out} (32 bytes) with {@code sha}, reusing both: no allocation per nonce. */
    public static void headerHash(MessageDigest sha, byte[] header, byte[] out) {
        try {
            sha.update(header, 0, HEADER_BYTES);
            sha.digest(out, 0, 32);
            sha.update(out, 0, 32);
            sha.digest(out, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256 digest", e);
        }
    }

    public static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void putLe64(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) out.write((int) (v >>> (8 * i)));
    }

    public static void putLe32(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) out.write(v >>> (8 * i));
    }

    /** Bitcoin's CompactSize length prefix. */
    public static void putCompactSize(ByteArrayOutputStream out, int n) {
        if (n < 0xFD) {
            out.write(n);
        } else {
            out.write(0xFD);
            out.write(n);
            out.write(n >>> 8);
        }
    }

    /**
     * The script push of a block height as BIP34 wants it (what Bitcoin Core's
     * {@code CScript() << height} produces): OP_1..OP_16 for 1..16, else a minimal CScriptNum.
     */
    public static byte[] heightPush(int height) {
        if (height < 0) throw new IllegalArgumentException("height " + height);
        if (height == 0) return new byte[] {0x00};
        if (height <= 16) return new byte[] {(byte) (0x50 + height)};
        ByteArrayOutputStream num = new ByteArrayOutputStream();
        int v = height;
        while (v != 0) {
            num.write(v & 0xFF);
            v >>>= 8;
        }
        byte[] n = num.toByteArray();
        // a set top bit would read as a sign: add a zero byte
        boolean pad = (n[n.length - 1] & 0x80) != 0;
        byte[] push = new byte[1 + n.length + (pad ? 1 : 0)];
        push[0] = (byte) (n.length + (pad ? 1 : 0));
        System.arraycopy(n, 0, push, 1, n.length);
        return push;
    }

    /**
     * The merkle path of the first transaction (the coinbase) in a block whose other
     * transactions have {@code txids}: the sibling at each level, deepest first.
     */
    public static List<byte[]> merklePathOfFirst(List<byte[]> txids) {
        List<byte[]> path = new ArrayList<>();
        // level.get(0) stands for the coinbase branch, unknown here and never needed
        List<byte[]> level = new ArrayList<>();
        level.add(null);
        level.addAll(txids);
        while (level.size() > 1) {
            if (level.size() % 2 == 1) level.add(level.get(level.size() - 1));
            path.add(level.get(1));
            List<byte[]> next = new ArrayList<>();
            next.add(null);
            for (int i = 2; i < level.size(); i += 2) next.add(Hashes.sha256d(concat(level.get(i), level.get(i + 1))));
            level = next;
        }
        return path;
    }

    /** The merkle root of a job for one coinbase, given in parts (prefix, extranonce..., suffix). */
    public static byte[] coinbaseMerkleRoot(List<byte[]> path, byte[]... coinbaseParts) {
        return merkleRoot(Hashes.sha256d(concat(coinbaseParts)), path);
    }

    /** Folds the coinbase txid up the merkle path: root = SHA256d(root || node). */
    public static byte[] merkleRoot(byte[] coinbaseTxid, List<byte[]> path) {
        byte[] root = coinbaseTxid;
        byte[] buf = new byte[64];
        for (byte[] node : path) {
            System.arraycopy(root, 0, buf, 0, 32);
            System.arraycopy(node, 0, buf, 32, 32);
            root = Hashes.sha256d(buf);
        }
        return root;
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
