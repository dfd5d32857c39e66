package org.sharemint.mint;

import java.io.IOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.sharemint.process.LocalPostgres;
import org.sharemint.testing.MissingTool;

/**
 * One throwaway PostgreSQL server ({@link TestPostgres}) for the whole test run, started by the
 * first test class that asks for it and stopped when the run ends; each class gets a database of
 * its own ({@link #database}). Without the server binaries the classes are skipped, and one line at
 * the end of the run names them and says why; under {@code CI=true} their absence fails instead
 * (CI installs the {@code postgresql} package, .ci/run): {@link MissingTool}, as for any tool.
 *
 * <pre>{@code @ExtendWith(PostgresExtension.class) class SomeTest { ... PostgresExtension.database(getClass()) ... }}</pre>
 */
public final class PostgresExtension implements BeforeAllCallback {
    private static final Namespace NS = Namespace.create(PostgresExtension.class);
    private static volatile LocalPostgres server;
    /** The run's root context (from the first beforeAll), where MissingTool keeps the run's skips. */
    private static volatile ExtensionContext root;

    /** The run-wide holder: its close() at the end of the run stops the server. */
    private static final class Shared implements AutoCloseable {
        final LocalPostgres pg;

        Shared(LocalPostgres pg) {
            this.pg = pg;
        }

        @Override
        public void close() {
            if (pg != null) pg.close();
        }
    }

    /** True when this machine has the server binaries. */
    public static boolean available() {
        return LocalPostgres.binaries().isPresent();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        root = context.getRoot();
        Shared shared = root.getStore(NS).getOrComputeIfAbsent("server", k -> {
            if (!available()) return new Shared(null);
            try {
                return new Shared(TestPostgres.start(false));
            } catch (IOException e) {
                throw new IllegalStateException("could not start the test PostgreSQL server: " + e.getMessage(), e);
            }
        }, Shared.class);
        server = shared.pg;
    }

    /** The run's server (after {@link #beforeAll}); without the binaries the test is skipped (MissingTool), under CI=true failed. */
    public static LocalPostgres server(Class<?> owner) {
        if (server == null) {
            if (!available() && root != null) throw MissingTool.skip(root, "PostgreSQL", LocalPostgres.missing(), owner.getSimpleName());
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
