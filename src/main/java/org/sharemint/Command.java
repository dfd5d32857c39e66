package org.sharemint;

/** One command of the jar ({@code java -jar sharemint.jar NAME ...}). */
public interface Command {
    /** Exit code for a usage or configuration error. */
    int USAGE = 2;

    /** One line for the jar's --help. */
    String summary();

    /** What --help on this command prints (options, keys and their defaults). */
    String help();

    /** Runs the command; the result is the process exit code. */
    int run(CommandLine args) throws Exception;
}
