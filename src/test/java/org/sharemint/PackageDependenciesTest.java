package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** design.md "Packages": no cycles; wire, crypto and metrics import nothing of ours. */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src", "main", "java", "org", "sharemint");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.sharemint\\.([a-z]+\\.)?", Pattern.MULTILINE);

    /** package (first segment below org.sharemint, "" for the root) -> the packages it imports. */
    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Path rel = MAIN.relativize(f);
                String from = rel.getNameCount() == 1 ? "" : rel.getName(0).toString();
                Set<String> to = g.computeIfAbsent(from, k -> new TreeSet<>());
                try {
                    Matcher m = IMPORT.matcher(Files.readString(f));
                    while (m.find()) {
                        String p = m.group(1) == null ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                        if (!p.equals(from)) to.add(p);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return g;
    }

    @Test
    void leavesImportNothingOfOurs() throws IOException {
        Map<String, Set<String>> g = graph();
        for (String leaf : List.of("wire", "crypto", "metrics", "config", "process")) {
            assertTrue(g.containsKey(leaf), leaf);
            assertEquals(Set.of(), g.get(leaf), leaf + " imports");
        }
    }

    @Test
    void noCycles() throws IOException {
        Map<String, Set<String>> g = graph();
        for (String start : g.keySet()) {
            List<String> path = new ArrayList<>();
            assertTrue(!reaches(g, start, start, path, new TreeSet<>()), "cycle: " + start + " -> " + path);
        }
    }

    private static boolean reaches(Map<String, Set<String>> g, String from, String target, List<String> path, Set<String> seen) {
        for (String next : g.getOrDefault(from, Set.of())) {
            path.add(next);
            if (next.equals(target)) return true;
            if (seen.add(next) && reaches(g, next, target, path, seen)) return true;
            path.remove(path.size() - 1);
        }
        return false;
    }
}
