package org.sharemint.mint;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.opentest4j.TestAbortedException;

/**
 * One throwaway PostgreSQL server ({@link TestPostgres}) for the whole test run, started by the
 * first test class that asks for it and stopped when the run ends; each class gets a database of
 * its own ({@link #database}). Without the server binaries the classes are skipped, and one line at
 * the end of the run names them and says why; under {@code CI=true} their absence fails instead
 * (CI installs the {@code postgresql} package, .ci/run).
 *
 * <pre>{@code @ExtendWith(PostgresExtension.class) class SomeTest { ... PostgresExtension.database(getClass()) ... }}</pre>
 */
public final class PostgresExtension implements BeforeAllCallback {
    private static final Namespace NS = Namespace.create(PostgresExtension.class);
    private static final Set<String> SKIPPED = new TreeSet<>();
    private static volatile TestPostgres server;

    /** The run-wide holder: its close() at the end of the run stops the server and reports skips. */
    private static final class Shared implements AutoCloseable {
        final TestPostgres pg;

        Shared(TestPostgres pg) {
            this.pg = pg;
        }

        @Override
        public void close() {
            if (pg != null) pg.close();
            synchronized (SKIPPED) {
                if (!SKIPPED.isEmpty()) {
                    System.out.println("PostgreSQL tests SKIPPED (no initdb/pg_ctl under /usr/lib/postgresql/*/bin; "
                        + "apt-get install postgresql): " + String.join(", ", SKIPPED));
                }
            }
        }
    }

    /** True when this machine has the server binaries. */
    public static boolean available() {
        return TestPostgres.binaries().isPresent();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Shared shared = context.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> {
            if (!available()) return new Shared(null);
            try {
                return new Shared(TestPostgres.start(false));
            } catch (IOException e) {
                throw new IllegalStateException("could not start the test PostgreSQL server: " + e.getMessage(), e);
            }
        }, Shared.class);
        server = shared.pg;
    }

    /**
     * The test (or the invocation of a test on PostgreSQL) cannot run here: skipped, and named in
     * the run's last line; under CI=true a failure.
     */
    private static TestAbortedException unavailable(String test) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and no PostgreSQL server binaries under /usr/lib/postgresql/*/bin"
                + " (.ci/run installs the postgresql package)");
        }
        synchronized (SKIPPED) {
            SKIPPED.add(test);
        }
        return new TestAbortedException("no PostgreSQL server binaries (apt-get install postgresql)");
    }

    /** The run's server (after {@link #beforeAll}). */
    public static TestPostgres server(Class<?> owner) {
        if (server == null) {
            if (!available()) throw unavailable(owner.getSimpleName());
            throw new IllegalStateException("no test PostgreSQL server: @ExtendWith(PostgresExtension.class)");
        }
        return server;
    }

    /**
     * A JDBC URL of a new ledger of {@code kind} ("sqlite": a file under {@code dir};
     * "postgresql": a new database on the run's server) for parameterised tests.
     */
    public static String ledgerUrl(String kind, java.nio.file.Path dir, Class<?> owner) {
        return switch (kind) {
            case "sqlite" -> "jdbc:sqlite:" + dir.resolve("ledger-" + DBS.incrementAndGet() + ".db");
            case "postgresql" -> database(owner);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static final java.util.concurrent.atomic.AtomicInteger DBS = new java.util.concurrent.atomic.AtomicInteger();

    /** The two databases the ledger runs on, for {@code @MethodSource("org.sharemint.mint.PostgresExtension#databases")}. */
    public static java.util.stream.Stream<String> databases() {
        return java.util.stream.Stream.of("sqlite", "postgresql");
    }

    /** A new empty database for {@code owner} on the run's server; its JDBC URL (the password is {@link TestPostgres#PASSWORD}). */
    public static String database(Class<?> owner) {
        try {
            return server(owner).newDatabase(owner.getSimpleName());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
