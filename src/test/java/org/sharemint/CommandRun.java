package org.sharemint;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs {@link Main#run} as a user's command line would, capturing what it prints; for command tests in any package. */
public final class CommandRun {
    /** The exit code and what went to stdout and stderr. */
    public record Result(int code, String out, String err) {
        /**
         * What the command itself printed on stderr: without the log lines that a mint or pool of
         * this JVM writes there too (the logger writes on its own thread, so they may land in any capture).
         */
        public String said() {
            return err.lines().filter(l -> !LOG_LINE.matcher(l).matches()).map(l -> l + "\n").collect(Collectors.joining());
        }
    }

    private static final Pattern LOG_LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ .*");

    private CommandRun() {
    }

    /** Main.run(args) with System.out and System.err captured (and put back afterwards). */
    public static Result run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
