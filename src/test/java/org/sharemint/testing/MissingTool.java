package org.sharemint.testing;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.opentest4j.TestAbortedException;

/**
 * What a test does when a program it drives (a browser, a server binary from a Debian package)
 * is not on this machine: outside CI the test is skipped and one line at the end of the run names
 * the skipped tests and what to install; under {@code CI=true} it fails, since .ci/run installs
 * the package. The PostgreSQL tests (mint.PostgresExtension) use it for the server binaries.
 */
public final class MissingTool {
    private static final Namespace NS = Namespace.create(MissingTool.class);

    private MissingTool() {
    }

    /** The run-wide list of one tool's skipped tests; its close() at the end of the run prints them. */
    private static final class Skips implements AutoCloseable {
        final String line;
        final Set<String> tests = new TreeSet<>();

        Skips(String line) {
            this.line = line;
        }

        @Override
        public void close() {
            synchronized (tests) {
                if (!tests.isEmpty()) System.out.println(line + ": " + String.join(", ", tests));
            }
        }
    }

    /**
     * {@code test} cannot run here because {@code tool} is missing ({@code why}: what was looked for
     * and how to install it). Returns the exception to throw to skip it; under CI=true throws a failure.
     */
    public static TestAbortedException skip(ExtensionContext context, String tool, String why, String test) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and " + tool + " is missing: " + why + " (.ci/run installs it)");
        }
        Skips skips = context.getRoot().getStore(NS).getOrComputeIfAbsent(tool,
                k -> new Skips(tool + " tests SKIPPED (" + why + ")"), Skips.class);
        synchronized (skips.tests) {
            skips.tests.add(test);
        }
        return new TestAbortedException(tool + " is missing: " + why);
    }
}
