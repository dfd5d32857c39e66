package org.sharemint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the JSON JMH writes with {@code -rf json} (make bench: target/jmh.json). */
public final class JmhResults {
    /** One benchmark: its short name (class.method and params), mode, score, error and unit. */
    public record Row(String benchmark, String mode, double score, double error, String unit) {
        /** The score as operations per second, when the unit allows (thrpt ops/time or avgt time/op); else NaN. */
        public double opsPerSecond() {
            String u = unit.toLowerCase(Locale.ROOT);
            if (u.startsWith("ops/")) return score * perSecond(u.substring(4));
            if (u.endsWith("/op") && score > 0) return perSecond(u.substring(0, u.length() - 3)) / score;
            return Double.NaN;
        }

        private static double perSecond(String timeUnit) {
            return switch (timeUnit) {
                case "s" -> 1;
                case "ms" -> 1e3;
                case "us" -> 1e6;
                case "ns" -> 1e9;
                case "min" -> 1.0 / 60;
                default -> Double.NaN;
            };
        }
    }

    private JmhResults() {}

    /** The rows of {@code file}; an empty list when it does not exist. */
    public static List<Row> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return List.of();
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Row> rows = new ArrayList<>();
        for (JsonNode b : root) {
            String name = b.path("benchmark").asText();
            name = name.startsWith("org.sharemint.bench.") ? name.substring("org.sharemint.bench.".length()) : name;
            StringBuilder params = new StringBuilder();
            for (Map.Entry<String, JsonNode> e : b.path("params").properties()) {
                params.append(params.isEmpty() ? " (" : ", ").append(e.getKey()).append('=').append(e.getValue().asText());
            }
            if (!params.isEmpty()) params.append(')');
            JsonNode m = b.path("primaryMetric");
            rows.add(new Row(name + params, b.path("mode").asText(), m.path("score").asDouble(Double.NaN),
                    m.path("scoreError").asDouble(Double.NaN), m.path("scoreUnit").asText()));
        }
        return rows;
    }
}
