package org.sharemint.bitcoin;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** A found block's serialization, as submitblock and the P2P network want it. */
public final class Blocks {
    private Blocks() {}

    /** header | transaction count | coinbase (block form) | the template's transactions in order. */
    public static byte[] serialize(byte[] header, byte[] coinbaseBlockForm, List<BlockTemplate.Tx> txs) {
        int size = header.length + 9 + coinbaseBlockForm.length;
        for (BlockTemplate.Tx t : txs) size += t.data().length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes(header);
        putCompactSize(out, 1L + txs.size());
        out.writeBytes(coinbaseBlockForm);
        for (BlockTemplate.Tx t : txs) out.writeBytes(t.data());
        return out.toByteArray();
    }

    /** CompactSize for any count (Bitcoin.putCompactSize covers lengths below 65,536). */
    public static void putCompactSize(ByteArrayOutputStream out, long n) {
        if (n < 0xFD) {
            out.write((int) n);
        } else if (n <= 0xFFFF) {
            out.write(0xFD);
            out.write((int) n);
            out.write((int) (n >>> 8));
        } else if (n <= 0xFFFFFFFFL) {
            out.write(0xFE);
            for (int i = 0; i < 4; i++) out.write((int) (n >>> (8 * i)));
        } else {
            out.write(0xFF);
            for (int i = 0; i < 8; i++) out.write((int) (n >>> (8 * i)));
        }
    }
}
