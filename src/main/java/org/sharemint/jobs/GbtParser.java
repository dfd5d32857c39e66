package org.sharemint.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.sharemint.bitcoin.BlockTemplate;

/**
 * Turns a getblocktemplate result into a {@link BlockTemplate}, checking every field it uses:
 * hex that decodes, hashes of 32 bytes, values in range. Anything else is a
 * {@link BadTemplateException} naming the field.
 */
public final class GbtParser {
    /** More transactions than a 4 MWU block can hold (60 weight each at the least) is nonsense. */
    static final int MAX_TXS = 100_000;
    private static final HexFormat HEX = HexFormat.of();

    private GbtParser() {}

    public static BlockTemplate parse(JsonNode r, long id) throws BadTemplateException {
        if (r == null || !r.isObject()) throw new BadTemplateException("result is not an object");
        int height = (int) integer(r, "height", 1, Integer.MAX_VALUE);
        int version = (int) integer(r, "version", Integer.MIN_VALUE, 0xFFFFFFFFL);
        byte[] prev = reversed(hash(r, "previousblockhash"));
        String bitsText = text(r, "bits");
        int nbits;
        try {
            if (bitsText.length() != 8) throw new NumberFormatException();
            nbits = (int) Long.parseLong(bitsText, 16);
        } catch (NumberFormatException e) {
            throw new BadTemplateException("bits '" + shorten(bitsText) + "' is not 8 hex digits");
        }
        if ((nbits & 0x00800000) != 0 || (nbits & 0x007FFFFF) == 0) throw new BadTemplateException("bits " + bitsText + " encodes no positive target");
        long curtime = integer(r, "curtime", 0, 0xFFFFFFFFL);
        long mintime = r.has("mintime") ? integer(r, "mintime", 0, 0xFFFFFFFFL) : curtime;
        long value = integer(r, "coinbasevalue", 0, 21_000_000L * 100_000_000L);
        JsonNode txs = r.get("transactions");
        if (txs == null || !txs.isArray()) throw new BadTemplateException("transactions is not an array");
        if (txs.size() > MAX_TXS) throw new BadTemplateException(txs.size() + " transactions");
        List<BlockTemplate.Tx> list = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            JsonNode t = txs.get(i);
            String where = "transactions[" + i + "]";
            if (!t.isObject()) throw new BadTemplateException(where + " is not an object");
            byte[] data = hex(t, "data", where);
            if (data.length < 60) throw new BadTemplateException(where + ".data has " + data.length + " bytes");
            byte[] txid = reversed(hash(t, "txid"));
            long sigops = t.has("sigops") ? integer(t, "sigops", 0, BlockTemplate.MAX_SIGOPS) : -1;
            long weight = t.has("weight") ? integer(t, "weight", 0, BlockTemplate.MAX_WEIGHT) : -1;
            list.add(new BlockTemplate.Tx(data, txid, sigops, weight));
        }
        byte[] commitment = null;
        if (r.hasNonNull("default_witness_commitment")) {
            commitment = hex(r, "default_witness_commitment", "template");
            if (commitment.length != 38 || commitment[0] != 0x6a) {
                throw new BadTemplateException("default_witness_commitment is not an OP_RETURN commitment of 38 bytes");
            }
        }
        long sigopLimit = r.has("sigoplimit") ? integer(r, "sigoplimit", 1, 1L << 32) : BlockTemplate.MAX_SIGOPS;
        long weightLimit = r.has("weightlimit") ? integer(r, "weightlimit", 1, 1L << 32) : BlockTemplate.MAX_WEIGHT;
        return new BlockTemplate(id, height, version, prev, nbits, curtime, mintime, value, List.copyOf(list), commitment,
                new byte[0], new byte[0], 0, null, 2, 0xFFFFFFFF, 0, sigopLimit, weightLimit);
    }

    /** The longpollid of a result, or null. */
    public static String longPollId(JsonNode r) {
        JsonNode n = r == null ? null : r.get("longpollid");
        return n != null && n.isTextual() && n.asText().length() <= 256 ? n.asText() : null;
    }

    private static long integer(JsonNode r, String field, long min, long max) throws BadTemplateException {
        JsonNode n = r.get(field);
        if (n == null || !n.canConvertToLong() || !n.isIntegralNumber()) throw new BadTemplateException(field + " is missing or not an integer");
        long v = n.asLong();
        if (v < min || v > max) throw new BadTemplateException(field + " " + v + " is out of range");
        return v;
    }

    private static String text(JsonNode r, String field) throws BadTemplateException {
        JsonNode n = r.get(field);
        if (n == null || !n.isTextual()) throw new BadTemplateException(field + " is missing or not a string");
        return n.asText();
    }

    private static byte[] hex(JsonNode r, String field, String where) throws BadTemplateException {
        String s = text(r, field);
        try {
            return HEX.parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new BadTemplateException(where + "." + field + " is not hex");
        }
    }

    private static byte[] hash(JsonNode r, String field) throws BadTemplateException {
        byte[] h = hex(r, field, "template");
        if (h.length != 32) throw new BadTemplateException(field + " has " + h.length + " bytes, not 32");
        return h;
    }

    static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) r[i] = b[b.length - 1 - i];
        return r;
    }

    private static String shorten(String s) {
        return s.length() > 16 ? s.substring(0, 16) + "..." : s;
    }
}
