package org.sharemint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The published test vectors the tests check against, read from the test classpath
 * (src/test/resources/vectors; its README.md says where each file comes from), so a clean
 * clone carries everything its tests read.
 */
public final class TestVectors {
    private TestVectors() {
    }

    /** The lines of {@code vectors/NAME} (for example "bip340/test-vectors.csv"). */
    public static List<String> lines(String name) {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code vectors/NAME} parsed as JSON (for example "cashu.json"). */
    public static JsonNode json(String name) {
        try (InputStream in = open(name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = TestVectors.class.getResourceAsStream("/vectors/" + name);
        if (in == null) throw new IllegalStateException("no test vectors vectors/" + name + " on the test classpath (src/test/resources)");
        return in;
    }
}
