package org.sharemint.metrics;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The standard {@code process_} and {@code jvm_} series Prometheus users know from other exporters,
 * read at scrape time from /proc/self and the JMX MXBeans. Figures a platform does not have (no
 * /proc outside Linux) are left out rather than shown as zero.
 */
final class RuntimeSeries {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private RuntimeSeries() {
    }

    static void register(MetricsRegistry r) {
        process(r);
        memory(r);
        threads(r);
        gc(r);
        classes(r);
        RuntimeMXBean rt = ManagementFactory.getRuntimeMXBean();
        r.register(new Info("jvm_info", "the Java runtime", Map.of(
            "runtime", String.valueOf(System.getProperty("java.runtime.name")),
            "vendor", rt.getVmVendor(),
            "version", String.valueOf(System.getProperty("java.runtime.version")))));
    }

    private static void process(MetricsRegistry r) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            r.register(new Sampled("process_cpu_seconds_total", "user and system CPU time the process used", "counter",
                s -> s.add(sun.getProcessCpuTime() / 1e9)));
        }
        if (os instanceof UnixOperatingSystemMXBean unix) {
            r.register(new Sampled("process_open_fds", "open file descriptors", "gauge", s -> s.add(unix.getOpenFileDescriptorCount())));
            r.register(new Sampled("process_max_fds", "the limit on open file descriptors", "gauge",
                s -> s.add(unix.getMaxFileDescriptorCount())));
        }
        if (procStatusKb("VmRSS") >= 0) {
            r.register(new Sampled("process_virtual_memory_bytes", "virtual memory size", "gauge", s -> kbAsBytes(s, "VmSize")));
            r.register(new Sampled("process_resident_memory_bytes", "resident memory size", "gauge", s -> kbAsBytes(s, "VmRSS")));
        }
        RuntimeMXBean rt = ManagementFactory.getRuntimeMXBean();
        r.register(new Sampled("process_start_time_seconds", "start time of the process since the unix epoch", "gauge",
            s -> s.add(rt.getStartTime() / 1000.0)));
    }

    private static void kbAsBytes(Sampled.Samples s, String key) {
        long kb = procStatusKb(key);
        if (kb >= 0) s.add(kb * 1024.0);
    }

    /** A "Key:   123 kB" line of /proc/self/status, or -1 when there is none. */
    static long procStatusKb(String key) {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (!line.startsWith(key + ":")) continue;
                String v = line.substring(key.length() + 1).strip();
                int space = v.indexOf(' ');
                return Long.parseLong(space < 0 ? v : v.substring(0, space));
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a format we do not know: the series is left out
        }
        return -1;
    }

    private static void memory(MetricsRegistry r) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        areas(r, memory, "jvm_memory_used_bytes", "memory used, by area", MemoryUsage::getUsed);
        areas(r, memory, "jvm_memory_committed_bytes", "memory committed by the operating system, by area", MemoryUsage::getCommitted);
        areas(r, memory, "jvm_memory_max_bytes", "most memory the area may use (-1: no limit)", MemoryUsage::getMax);
        r.register(new Sampled("jvm_memory_pool_used_bytes", "memory used, by pool", "gauge", s -> {
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage u = p.getUsage();
                if (u != null) s.add("pool", p.getName(), u.getUsed());
            }
        }));
        r.register(new Sampled("jvm_buffer_pool_used_bytes", "memory used by NIO buffers, by pool (direct, mapped)", "gauge", s -> {
            for (BufferPoolMXBean p : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) s.add("pool", p.getName(), p.getMemoryUsed());
        }));
    }

    private static void areas(MetricsRegistry r, MemoryMXBean memory, String name, String help, ToLongFunction<MemoryUsage> figure) {
        r.register(new Sampled(name, help, "gauge", s -> {
            s.add("area", "heap", figure.applyAsLong(memory.getHeapMemoryUsage()));
            s.add("area", "nonheap", figure.applyAsLong(memory.getNonHeapMemoryUsage()));
        }));
    }

    private static void threads(MetricsRegistry r) {
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        // platform threads only: the JVM does not count virtual threads here
        r.register(new Sampled("jvm_threads_current", "live platform threads", "gauge", s -> s.add(t.getThreadCount())));
        r.register(new Sampled("jvm_threads_daemon", "live platform daemon threads", "gauge", s -> s.add(t.getDaemonThreadCount())));
        r.register(new Sampled("jvm_threads_peak", "most live platform threads since start", "gauge", s -> s.add(t.getPeakThreadCount())));
        r.register(new Sampled("jvm_threads_started_total", "platform threads started since start", "counter",
            s -> s.add(t.getTotalStartedThreadCount())));
        r.register(new Sampled("jvm_threads_deadlocked", "platform threads deadlocked on monitors or synchronizers", "gauge", s -> {
            long[] ids = t.findDeadlockedThreads();
            s.add(ids == null ? 0 : ids.length);
        }));
    }

    private static void gc(MetricsRegistry r) {
        r.register(new Sampled("jvm_gc_collection_seconds", "time spent in garbage collections, by collector", "summary", s -> {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                s.add("_count", "gc", gc.getName(), Math.max(0, gc.getCollectionCount()));
                s.add("_sum", "gc", gc.getName(), Math.max(0, gc.getCollectionTime()) / 1000.0);
            }
        }));
    }

    private static void classes(MetricsRegistry r) {
        ClassLoadingMXBean c = ManagementFactory.getClassLoadingMXBean();
        r.register(new Sampled("jvm_classes_currently_loaded", "classes loaded now", "gauge", s -> s.add(c.getLoadedClassCount())));
        r.register(new Sampled("jvm_classes_loaded_total", "classes loaded since start", "counter", s -> s.add(c.getTotalLoadedClassCount())));
        r.register(new Sampled("jvm_classes_unloaded_total", "classes unloaded since start", "counter", s -> s.add(c.getUnloadedClassCount())));
    }
}
