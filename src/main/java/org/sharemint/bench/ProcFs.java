package org.sharemint.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Linux /proc readings of a process: resident memory and CPU time. */
final class ProcFs {
    /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcFs() {}

    /** VmRSS of the process in bytes, from /proc/PID/status. */
    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) return kibField(line) * 1024;
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** User + system CPU seconds of the process (all its threads), from /proc/PID/stat. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds of a process and its children (a database server's postmaster and its backends):
     * its own, those of the children it has already waited for (cutime, cstime), and those of its
     * living children, from /proc/PID/stat of each.
     */
    static double treeCpuSeconds(long pid) throws IOException {
        String[] own = statFields(pid);
        long ticks = Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13]) + Long.parseLong(own[14]);
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String[] f = statFields(Long.parseLong(p.getFileName().toString()));
                    if (Long.parseLong(f[1]) == pid) ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The fields of /proc/PID/stat after the command name: [0] is the state, [1] the parent's pid, [11] utime. */
    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /**
     * CPU seconds all cores have spent busy since boot (user, nice, system, irq, softirq,
     * steal: everything but idle and iowait), from the first line of /proc/stat.
     */
    static double machineBusySeconds() throws IOException {
        String first = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII).get(0);
        String[] f = first.trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal ...
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) if (i < f.length) busy += Long.parseLong(f[i]);
        return busy / TICKS_PER_SECOND;
    }

    /** Dirty + Writeback of /proc/meminfo in bytes: file data the kernel has yet to write to disk. */
    static long unwrittenBytes(List<String> meminfo) {
        long kib = 0;
        for (String line : meminfo) {
            if (line.startsWith("Dirty:") || line.startsWith("Writeback:")) kib += kibField(line);
        }
        return kib * 1024;
    }

    static long unwrittenBytes() throws IOException {
        return unwrittenBytes(Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII));
    }

    /** "Name:   12345 kB" -> 12345. */
    static long kibField(String line) {
        String digits = line.substring(line.indexOf(':') + 1).replace("kB", "").strip();
        return Long.parseLong(digits);
    }
}
