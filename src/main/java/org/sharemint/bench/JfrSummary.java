package org.sharemint.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording's CPU samples (the JDK's own parser) and names the hottest methods: by
 * self samples (the top frame) and by inclusive samples (anywhere in the stack) for sharemint's
 * own code, which shows which step of the share's path costs most. It uses jdk.CPUTimeSample
 * (JDK 25's CPU-time sampler on Linux, which also sees threads in native code and the kernel)
 * when the recording has them, else jdk.ExecutionSample (Java code only).
 */
final class JfrSummary {
    private JfrSummary() {}

    static List<String> summarize(Path recording, int top) throws IOException {
        boolean cpuTime = false;
        try (RecordingFile f = new RecordingFile(recording)) {
            while (f.hasMoreEvents() && !cpuTime) cpuTime = f.readEvent().getEventType().getName().equals("jdk.CPUTimeSample");
        }
        String type = cpuTime ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        try (RecordingFile f = new RecordingFile(recording)) {
            while (f.hasMoreEvents()) {
                var e = f.readEvent();
                if (!e.getEventType().getName().equals(type)) continue;
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) continue;
                samples++;
                List<RecordedFrame> frames = st.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame fr : frames) {
                    String n = name(fr);
                    if (n.startsWith("org.sharemint.") && seen.add(n)) inclusive.merge(n, 1, Integer::sum);
                }
                var thread = cpuTime ? e.getThread() : e.getThread("sampledThread");
                String tn = thread == null ? "?" : thread.isVirtual() ? "virtual threads" : threadGroup(thread.getJavaName());
                threads.merge(tn, 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>();
        out.add(samples + " " + type + " events");
        out.add("");
        out.add("by thread:");
        lines(threads, samples, 8, out);
        out.add("");
        out.add("top frames (self):");
        lines(self, samples, top, out);
        out.add("");
        out.add("sharemint methods (inclusive: on the stack):");
        lines(inclusive, samples, top, out);
        return out;
    }

    private static void lines(Map<String, Integer> counts, int total, int top, List<String> out) {
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top).forEach(e ->
                out.add(String.format(Locale.ROOT, "  %5.1f%%  %s", 100.0 * e.getValue() / Math.max(1, total), e.getKey())));
    }

    private static String name(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }

    /** "ForkJoinPool-1-worker-3" -> "ForkJoinPool-1-worker-N": one line per kind of thread. */
    private static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("\\d+$", "N");
    }
}
