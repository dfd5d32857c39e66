package org.sharemint.mint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** Jackson set up for untrusted request bodies: bounded sizes and depth, no duplicate keys, nothing after the value. */
final class Json {
    /** Largest request body read (bytes); larger ones are refused before parsing. */
    static final int MAX_BODY_BYTES = 1 << 20;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(MAX_BODY_BYTES)
                .maxNestingDepth(16)
                .maxNumberLength(64)
                .maxNameLength(256)
                .maxStringLength(MAX_BODY_BYTES)
                .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private Json() {}

    /** Parses a body already bounded by {@link #MAX_BODY_BYTES}. */
    static JsonNode parse(byte[] body) throws CashuException {
        if (body.length == 0) throw Requests.bad("empty body: expected a JSON object");
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw Requests.bad("malformed JSON: " + shortMessage(e));
        } catch (IOException e) {
            throw Requests.bad("malformed JSON");
        }
        if (n == null || !n.isObject()) throw Requests.bad("expected a JSON object");
        return n;
    }

    static byte[] write(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** Jackson's first line, without the source excerpt, and bounded. */
    private static String shortMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) return "unreadable";
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }
}
