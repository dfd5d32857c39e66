package org.sharemint.sv1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * mining.notify (pool to miner): {@code [job_id, prevhash, coinb1, coinb2, merkle_branch[],
 * version, nbits, ntime, clean_jobs]}. The prev hash is the header's 32 bytes with each 4-byte
 * word reversed, as SV1 miners expect; version, nbits and ntime are 8 big-endian hex digits.
 *
 * @param prevHash the prev hash as the header holds it
 * @param merkleBranch siblings of the coinbase, deepest first, as the header's hashes are
 */
public record Notify(String jobId, byte[] prevHash, byte[] coinb1, byte[] coinb2, List<byte[]> merkleBranch, int version, int nbits,
        int ntime, boolean cleanJobs) {
    public static final String METHOD = "mining.notify";
    private static final HexFormat HEX = HexFormat.of();

    public byte[] encode() {
        ArrayNode p = Sv1Json.NODES.arrayNode();
        p.add(jobId).add(HEX.formatHex(swapWords(prevHash))).add(HEX.formatHex(coinb1)).add(HEX.formatHex(coinb2));
        ArrayNode branch = p.addArray();
        for (byte[] b : merkleBranch) branch.add(HEX.formatHex(b));
        p.add(Sv1Json.hex32(version)).add(Sv1Json.hex32(nbits)).add(Sv1Json.hex32(ntime)).add(cleanJobs);
        return Sv1Response.notification(METHOD, p);
    }

    public static Notify decode(ArrayNode p) throws Sv1Exception {
        if (p.size() != 9) throw new Sv1Exception(20, "notify takes 9 params");
        try {
            List<byte[]> branch = new ArrayList<>();
            for (JsonNode b : p.get(4)) branch.add(HEX.parseHex(b.asText()));
            return new Notify(p.get(0).asText(), swapWords(HEX.parseHex(p.get(1).asText())), HEX.parseHex(p.get(2).asText()),
                    HEX.parseHex(p.get(3).asText()), branch, Sv1Json.hex32(p.get(5).asText(), "version"),
                    Sv1Json.hex32(p.get(6).asText(), "nbits"), Sv1Json.hex32(p.get(7).asText(), "ntime"), p.get(8).asBoolean());
        } catch (IllegalArgumentException e) {
            throw new Sv1Exception(20, "notify: " + e.getMessage());
        }
    }

    /** Reverses each 4-byte word: the SV1 prevhash form of header bytes, and back. */
    static byte[] swapWords(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i + 4 <= b.length; i += 4) {
            for (int j = 0; j < 4; j++) r[i + j] = b[i + 3 - j];
        }
        return r;
    }
}
