package org.sharemint;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's Main-Class. It is compiled for Java 8 (pom.xml, execution "launcher") so that an
 * older JVM can run it and say in one line which Java sharemint needs, instead of failing to
 * load {@link Main} with an UnsupportedClassVersionError; on a new enough JVM it hands over to
 * {@code Main}, which it reaches only by name (this class must not link against classes
 * compiled for 25).
 */
public final class Launcher {
    /** The Java release pom.xml compiles for. */
    static final int NEEDED = 25;
    /** Exit code for a usage or configuration error ({@code Command.USAGE}). */
    static final int USAGE = 2;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        String message = check(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (message != null) {
            System.err.println(message);
            System.exit(USAGE);
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName("org.sharemint.Main"), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }

    /** Null when {@code specVersion} ("1.8", "17", "25") is new enough, else the one line to print. */
    static String check(String specVersion, String javaHome) {
        int major = major(specVersion);
        if (major >= NEEDED) return null;
        return "sharemint needs Java " + NEEDED + " or newer, but this is Java " + specVersion + " (" + javaHome + "): "
                + "get a JDK " + NEEDED + " (Debian/Ubuntu: apt-get install openjdk-" + NEEDED + "-jdk-headless; "
                + "or Temurin " + NEEDED + " from https://adoptium.net) and run the jar with its bin/java, or use make, which finds it";
    }

    private static int major(String specVersion) {
        if (specVersion == null) return 0;
        String v = specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion;
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
