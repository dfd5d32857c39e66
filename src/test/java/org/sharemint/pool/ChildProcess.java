package org.sharemint.pool;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code sharemint <command>} as its own process (this JVM's java, the test classpath), its output and log kept. */
final class ChildProcess implements AutoCloseable {
    final Process process;
    private final StringBuilder log = new StringBuilder();

    private ChildProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                synchronized (log) {
                    log.append("(output unreadable: ").append(e).append(")\n");
                }
            }
        });
    }

    static ChildProcess start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "org.sharemint.Main"));
        cmd.addAll(List.of(args));
        return new ChildProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** {@code main} of {@code mainClass} (on the test classpath) as its own process. */
    static ChildProcess java(Class<?> mainClass, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(List.of(args));
        return new ChildProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** As {@link #start}, under {@code ulimit -n nofile} (through bash). */
    static ChildProcess startWithFileLimit(int nofile, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        StringBuilder cmd = new StringBuilder("ulimit -n " + nofile + " && exec \"$0\" -cp \"$1\" org.sharemint.Main");
        List<String> argv = new ArrayList<>(List.of("bash", "-c", "", java, System.getProperty("java.class.path")));
        for (int i = 0; i < args.length; i++) {
            cmd.append(" \"${").append(i + 2).append("}\"");
            argv.add(args[i]);
        }
        argv.set(2, cmd.toString());
        return new ChildProcess(new ProcessBuilder(argv).redirectErrorStream(true).start());
    }

    /** What it printed and logged so far. */
    String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    /** SIGKILL, and wait until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends a signal by name (STOP, CONT). */
    void signal(String name) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (k.waitFor() != 0) throw new IllegalStateException("kill -" + name + " failed");
    }

    /** As {@link #signal}, for clean-up: a failure is ignored. */
    void signal0(String name) {
        try {
            signal(name);
        } catch (Exception e) {
            // the process is gone already
        }
    }

    /** SIGTERM, and wait for it to end. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
