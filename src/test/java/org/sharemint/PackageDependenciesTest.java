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
import org.junit.jupiter.api.io.TempDir;

/**
 * design.md "Packages", by whole package names (org.sharemint.miner and org.sharemint.wallet are
 * two packages): no cycle at any depth; wire, crypto, metrics, config, process and http import
 * nothing of ours (but metrics serves on http); the miner, the wallet and the downstream client reach pool and mint only over sockets
 * and HTTP; no package but the root (the commands) imports the root.
 */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final String ROOT = "org.sharemint";
    /** A use of one of our classes: an import or a qualified name (group 1: its package). */
    private static final Pattern USE = Pattern.compile("\\borg\\.sharemint((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");
    /** Comments and literals, which name classes without using them. */
    private static final Pattern NOT_CODE = Pattern.compile("\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'|/\\*[\\s\\S]*?\\*/|//[^\\n]*");
    private static final Pattern PACKAGE = Pattern.compile("^package ([a-z0-9.]+);", Pattern.MULTILINE);

    private static final List<String> LEAVES = List.of("wire", "crypto", "metrics", "config", "process", "http");
    /** The one leaf other leaves may use: the monitor endpoint (metrics) serves on the HTTP listener (http). */
    private static final Set<String> LEAF_MAY_USE = Set.of(ROOT + ".http");
    /** Packages that must not depend on the command line (the root package). */
    private static final List<String> BELOW_THE_COMMANDS = List.of("wire", "crypto", "noise", "pool", "mint", "metrics", "config", "process", "http",
            "wallet", "miner", "bitcoin", "downstream", "bench", "peer");
    /** package -> packages it must never import (design.md: the miner talks to pool and mint over sockets and HTTP). */
    private static final Map<String, List<String>> NEVER = Map.of(
            "miner", List.of("pool", "mint", "bench"),
            "wallet", List.of("pool", "mint", "miner", "bench"),
            "downstream", List.of("pool", "mint", "miner", "wallet", "bench"),
            "bench", List.of("pool", "mint", "miner"),
            // peer limits and the misbehaviour log serve every listener (miner port, HTTP API)
            "peer", List.of("pool", "mint", "noise", "link", "wire"));

    /** Full package name -> the full names of the packages of ours it uses. */
    static Map<String, Set<String>> graph(Path sourceRoot) throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                try {
                    String text = Files.readString(f);
                    Matcher p = PACKAGE.matcher(text);
                    if (!p.find()) throw new AssertionError("no package line in " + f);
                    String from = p.group(1);
                    Set<String> to = g.computeIfAbsent(from, k -> new TreeSet<>());
                    Matcher m = USE.matcher(NOT_CODE.matcher(text).replaceAll(" "));
                    while (m.find()) {
                        String used = ROOT + m.group(1);
                        if (!used.equals(from)) to.add(used);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return g;
    }

    /** Every broken rule, one line each; empty when the packages keep the design. */
    static List<String> violations(Map<String, Set<String>> g) {
        List<String> out = new ArrayList<>();
        for (String leaf : LEAVES) {
            for (String used : g.getOrDefault(ROOT + "." + leaf, Set.of())) {
                if (!LEAF_MAY_USE.contains(used)) out.add(ROOT + "." + leaf + " imports " + used + " (a leaf imports nothing of ours)");
            }
        }
        for (String below : BELOW_THE_COMMANDS) {
            for (String used : g.getOrDefault(ROOT + "." + below, Set.of())) {
                if (used.equals(ROOT)) out.add(ROOT + "." + below + " imports the root package (the command line)");
            }
        }
        NEVER.forEach((from, forbidden) -> {
            for (String used : g.getOrDefault(ROOT + "." + from, Set.of())) {
                for (String f : forbidden) {
                    if (used.equals(ROOT + "." + f) || used.startsWith(ROOT + "." + f + ".")) out.add(ROOT + "." + from + " imports " + used);
                }
            }
        });
        for (String start : g.keySet()) {
            List<String> path = new ArrayList<>();
            if (reaches(g, start, start, path, new TreeSet<>())) out.add("cycle: " + start + " -> " + String.join(" -> ", path));
        }
        return out;
    }

    @Test
    void packagesKeepTheDesign() throws IOException {
        Map<String, Set<String>> g = graph(MAIN);
        for (String p : List.of("", ".wire", ".crypto", ".noise", ".pool", ".mint", ".miner", ".wallet", ".bitcoin", ".downstream", ".bench")) {
            assertTrue(g.containsKey(ROOT + p), "package " + ROOT + p + " is gone: update this test");
        }
        assertEquals(List.of(), violations(g));
    }

    /** The checks themselves: each rule, broken on purpose in a tree of its own, is reported. */
    @Test
    void reportsEveryKindOfBrokenRule(@TempDir Path dir) throws IOException {
        write(dir, "wire", "A", "import org.sharemint.pool.B;\n");
        write(dir, "pool", "B", "class B { Object o = new org.sharemint.Main(); }\n");
        write(dir, "miner", "C", "import static org.sharemint.mint.D.x;\nimport org.sharemint.wallet.E;\n");
        write(dir, "wallet", "E", "import org.sharemint.miner.sub.F;\n");
        write(dir, "miner.sub", "F", "import org.sharemint.miner.C;\n");
        write(dir, "crypto", "G", "// org.sharemint.pool.B in a comment\nclass G { String s = \"org.sharemint.pool.B\"; }\n");
        List<String> v = violations(graph(dir));
        assertTrue(v.contains("org.sharemint.wire imports org.sharemint.pool (a leaf imports nothing of ours)"), v.toString());
        assertTrue(v.contains("org.sharemint.pool imports the root package (the command line)"), v.toString());
        assertTrue(v.contains("org.sharemint.miner imports org.sharemint.mint"), v.toString());
        assertTrue(v.contains("cycle: org.sharemint.miner -> org.sharemint.wallet -> org.sharemint.miner.sub -> org.sharemint.miner"), v.toString());
        assertTrue(v.stream().noneMatch(s -> s.startsWith("org.sharemint.crypto")), "comments and strings are not imports: " + v);
    }

    private static void write(Path root, String pkg, String cls, String body) throws IOException {
        Path d = root.resolve(("org.sharemint." + pkg).replace('.', '/'));
        Files.createDirectories(d);
        Files.writeString(d.resolve(cls + ".java"), "package org.sharemint." + pkg + ";\n\n" + body);
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
