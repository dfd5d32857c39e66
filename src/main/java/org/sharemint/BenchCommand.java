package org.sharemint;

import org.sharemint.bench.Bench;

/** {@code sharemint bench}: the load generator ({@link Bench}). */
public final class BenchCommand implements Command {
    @Override
    public String summary() {
        return "the load generator: throughput, latency and memory of the whole path";
    }

    @Override
    public String help() {
        return Bench.help();
    }

    @Override
    public int run(CommandLine line) throws Exception {
        return Bench.run(line.words(), line.options());
    }
}
