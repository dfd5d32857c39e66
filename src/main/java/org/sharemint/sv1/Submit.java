package org.sharemint.sv1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HexFormat;

/**
 * mining.submit: {@code [worker, job_id, extranonce2, ntime, nonce, version_bits?]}; ntime, nonce
 * and version bits as 8 big-endian hex digits, extranonce2 as hex of the size subscribe gave.
 */
public record Submit(String worker, String jobId, byte[] extranonce2, int ntime, int nonce, Integer versionBits) {
    public static final String METHOD = "mining.submit";

    public static Submit decode(ArrayNode params) throws Sv1Exception {
        if (params.size() < 5 || params.size() > 6) throw new Sv1Exception(20, "submit takes 5 or 6 params");
        String worker = Sv1Json.text(params, 0, "worker");
        String job = Sv1Json.text(params, 1, "job id");
        String en2 = Sv1Json.text(params, 2, "extranonce2");
        byte[] extranonce2;
        try {
            extranonce2 = HexFormat.of().parseHex(en2);
        } catch (IllegalArgumentException e) {
            throw new Sv1Exception(20, "extranonce2 must be hex");
        }
        int ntime = Sv1Json.hex32(Sv1Json.text(params, 3, "ntime"), "ntime");
        int nonce = Sv1Json.hex32(Sv1Json.text(params, 4, "nonce"), "nonce");
        Integer bits = params.size() == 6 ? Sv1Json.hex32(Sv1Json.text(params, 5, "version bits"), "version bits") : null;
        return new Submit(worker, job, extranonce2, ntime, nonce, bits);
    }

    public Sv1Request encode(JsonNode id) {
        ArrayNode p = Sv1Json.NODES.arrayNode().add(worker).add(jobId).add(HexFormat.of().formatHex(extranonce2))
                .add(Sv1Json.hex32(ntime)).add(Sv1Json.hex32(nonce));
        if (versionBits != null) p.add(Sv1Json.hex32(versionBits));
        return new Sv1Request(id, METHOD, p);
    }
}
