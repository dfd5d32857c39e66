package org.sharemint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The jar's entry class: one line and exit 2 on a JVM older than 25, else Main. */
class LauncherTest {
    record Run(int code, String out, String err) {}

    @Test
    void versionsBelow25AreRefusedInOneLine() {
        for (String v : new String[] {"1.8", "11", "17", "21", "24"}) {
            String m = Launcher.check(v, "/opt/jdk");
            assertTrue(m != null && m.startsWith("sharemint needs Java 25 or newer, but this is Java " + v + " (/opt/jdk)"), m);
            assertTrue(!m.contains("\n") && m.contains("adoptium.net"), m);
        }
        assertNull(Launcher.check("25", "/opt/jdk"));
        assertNull(Launcher.check("26", "/opt/jdk"));
    }

    @Test
    void theLauncherClassIsJava8() throws Exception {
        byte[] b = Files.readAllBytes(classes().resolve("org/sharemint/Launcher.class"));
        assertEquals(52, ((b[6] & 0xff) << 8) | (b[7] & 0xff), "class file major version");
    }

    /** A real older JVM (the machine's Java 17, say) starting the launcher: one line on stderr, exit 2, Main never loaded. */
    @Test
    void anOlderJvmGetsOneLineAndExit2() throws Exception {
        Path old = olderJava();
        assumeTrue(old != null, "no JVM older than 25 on this machine");
        Run r = run(List.of(old.toString(), "-cp", classes().toString(), "org.sharemint.Launcher", "--help"));
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("sharemint needs Java 25 or newer, but this is Java "), r.err());
        assertTrue(!r.err().contains("UnsupportedClassVersionError"), r.err());
    }

    @Test
    void thisJvmIsHandedToMain() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Run r = run(List.of(java, "-cp", System.getProperty("java.class.path"), "org.sharemint.Launcher", "frobnicate"));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("sharemint: unknown command \"frobnicate\""), r.err());
    }

    static Path classes() throws Exception {
        return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** A java below 25: the one first on PATH, else one under /usr/lib/jvm; null when there is none. */
    static Path olderJava() throws Exception {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) candidates.add(Path.of(dir, "java"));
        }
        candidates.add(Path.of("/usr/bin/java"));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                s.sorted().forEach(d -> candidates.add(d.resolve("bin/java")));
            }
        }
        for (Path j : candidates) {
            if (!Files.isExecutable(j)) continue;
            Run r = run(List.of(j.toString(), "-XshowSettings:properties", "-version"));
            for (String line : r.err().lines().toList()) {
                String l = line.strip();
                if (l.startsWith("java.specification.version = ")) {
                    String v = l.substring(l.indexOf('=') + 1).strip();
                    int major = Integer.parseInt(v.startsWith("1.") ? v.substring(2) : v.split("\\.")[0]);
                    if (major < Launcher.NEEDED) return j;
                }
            }
        }
        return null;
    }

    static Run run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        byte[][] streams = new byte[2][];
        Thread o = Thread.ofVirtual().start(() -> streams[0] = readAll(p.getInputStream()));
        Thread e = Thread.ofVirtual().start(() -> streams[1] = readAll(p.getErrorStream()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exited: " + command);
        o.join();
        e.join();
        return new Run(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8), new String(streams[1], StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
