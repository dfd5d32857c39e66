package org.sharemint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.tinylog.Logger;

/** Where a bench ran: date, cores, memory, JDK and the git commit of the code measured. */
public record Environment(String date, int cores, String cpu, long memoryBytes, String os, String jdk, String commit, String loadAverage) {

    /** The machine this process runs on; the commit of the git work tree at {@code dir}. */
    public static Environment detect(Path dir) {
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(Instant.now().atZone(ZoneOffset.UTC));
        String jdk = Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")";
        String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        return new Environment(date, Runtime.getRuntime().availableProcessors(), cpuModel(), memTotal(), os, jdk, gitCommit(dir), currentLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages now: other work on the machine skews every figure. */
    static String currentLoadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
            }
        } catch (IOException e) {
            Logger.debug("no /proc/cpuinfo: {}", e.getMessage());
        }
        return "unknown CPU";
    }

    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("MemTotal:")) return ProcFs.kibField(line) * 1024;
            }
        } catch (IOException e) {
            Logger.debug("no /proc/meminfo: {}", e.getMessage());
        }
        return -1;
    }

    /** Short hash of HEAD, with "-dirty" when the work tree has uncommitted changes. */
    static String gitCommit(Path dir) {
        String head = git(dir, "rev-parse", "--short=10", "HEAD");
        if (head == null || head.isEmpty()) return "unknown";
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return status == null || status.isEmpty() ? head : head + "-dirty";
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return out;
        } catch (IOException e) {
            Logger.debug("git not available: {}", e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
