package org.sharemint.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.tinylog.Logger;

/**
 * A throwaway PostgreSQL server for the tests and the bench: Debian's {@code postgresql} package
 * ({@code initdb}, {@code pg_ctl} under /usr/lib/postgresql/VERSION/bin, the newest there), a
 * cluster in a temp directory, listening on a free loopback port with password (SCRAM)
 * authentication. Run as root (CI is), the server runs as the package's unprivileged user
 * {@code postgres}, which owns the temp directory. {@link #close} stops it and deletes the
 * directory; a JVM that ends without closing it stops it from a shutdown hook.
 */
public final class LocalPostgres implements AutoCloseable {
    /** The superuser the cluster is made with. */
    public static final String USER = "sharemint";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean fsync;
    private final String password;
    private final String runAs;

    private LocalPostgres(Path bin, Path dir, int port, boolean fsync, String password, String runAs) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.fsync = fsync;
        this.password = password;
        this.runAs = runAs;
    }

    /** Where the server binaries are looked for: SHAREMINT_POSTGRESQL_ROOT, else /usr/lib/postgresql. */
    public static Path root() {
        // SHAREMINT_POSTGRESQL_ROOT=... looks elsewhere (a missing directory: how a machine without the package runs)
        String other = System.getenv("SHAREMINT_POSTGRESQL_ROOT");
        return Path.of(other == null || other.isEmpty() ? "/usr/lib/postgresql" : other);
    }

    /** What is missing when {@link #binaries()} is empty, and how to install it: for a skip line. */
    public static String missing() {
        return "no initdb/pg_ctl under " + root() + "/*/bin; apt-get install postgresql";
    }

    /** The directory of initdb and pg_ctl (the newest version installed), if any. */
    public static Optional<Path> binaries() {
        Path root = root();
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .max(Comparator.comparingInt(LocalPostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * initdb and start a new server whose superuser {@link #USER} has {@code password}. {@code
     * fsync} false for tests (a killed process is what they survive, not a power cut); true for
     * benchmarks, so a commit costs what it costs in production.
     */
    public static LocalPostgres start(boolean fsync, String password) throws IOException {
        Path bin = binaries().orElseThrow(() -> new IOException("no PostgreSQL server binaries: " + missing()));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("sharemint-pg-");
        String runAs = root ? "postgres" : null;
        if (root) {
            UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, pg);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        LocalPostgres s = new LocalPostgres(bin, dir, freePort(), fsync, password, runAs);
        try {
            s.initdb();
            s.startServer();
            // should the JVM end without closing it (killed by surefire, the bench interrupted), the server goes with it
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(s::close));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void initdb() throws IOException {
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n");
        chown(pwfile);
        try {
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile, "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), 120);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** Starts the server (again, after {@link #stop}) on the same port and data. */
    public void startServer() throws IOException {
        String options = "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir
            + " -c fsync=" + (fsync ? "on" : "off") + " -c max_connections=200 -c shared_buffers=32MB";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "120",
            "-o", options, "start"), 180);
    }

    /** Stops the server (fast: connections are cut, as when a database server goes away). */
    public void stop() throws IOException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "120", "stop"), 180);
    }

    public int port() {
        return port;
    }

    /** Whether commits are synced to disk (fsync=on). */
    public boolean fsync() {
        return fsync;
    }

    /** The server's major version, e.g. "15". */
    public String version() {
        return bin.getParent().getFileName().toString();
    }

    /** The postmaster's process id (its backends are its children), or -1 while it is not running. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A JDBC URL of database {@code db}, with the user and without the password. */
    public String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=" + USER;
    }

    /** Creates a new empty database and returns its JDBC URL (without the password). */
    public String newDatabase(String hint) throws SQLException {
        String name = ("t_" + hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + DATABASES.incrementAndGet()).toLowerCase();
        if (name.length() > 60) name = name.substring(name.length() - 60);
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** A plain JDBC connection to database {@code db} (auto-commit). */
    public Connection connect(String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("password", password);
        return DriverManager.getConnection(url(db), p);
    }

    /** Stops the server and deletes its directory. */
    @Override
    public synchronized void close() {
        if (!Files.exists(dir)) return;
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) stop();
        } catch (IOException e) {
            Logger.warn("local PostgreSQL: stop failed: {}", e.getMessage());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            Logger.warn("local PostgreSQL: could not delete {}: {}", dir, e.getMessage());
        }
    }

    private void chown(Path p) throws IOException {
        if (runAs != null) Files.setOwner(p, p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs));
    }

    private void run(List<String> command, int timeoutS) throws IOException {
        List<String> full = new ArrayList<>();
        if (runAs != null) full.addAll(List.of("runuser", "-u", runAs, "--"));
        full.addAll(command);
        Path out = Files.createTempFile("sharemint-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + timeoutS + " s: " + Files.readString(out));
            }
            if (p.exitValue() != 0) {
                String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                throw new IOException(String.join(" ", full) + " exited " + p.exitValue() + ": " + Files.readString(out) + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
