package org.sharemint.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import org.sharemint.metrics.Page;

/** The API's JSON: snake_case field names, written by Jackson. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    static final String TYPE = "application/json";

    private Json() {}

    static Page.Response ok(Object value) {
        return answer(200, value);
    }

    static Page.Response error(int status, String message) {
        return answer(status, Map.of("error", message));
    }

    static Page.Response answer(int status, Object value) {
        try {
            return new Page.Response(status, TYPE, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
