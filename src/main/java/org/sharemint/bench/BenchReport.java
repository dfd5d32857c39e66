package org.sharemint.bench;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one bench run measured, in the order it ran; {@link ReportWriter} turns it into
 * the stdout table and bench/RESULTS.md.
 *
 * @param command the command line that produced it
 * @param setup the pool's JVM options and common settings, the transport, the connection count
 * @param phases the load phases (max and paced) of every mode
 * @param idle the connection-scale phase, or null when it was not run
 * @param profile the pool's hottest frames from JFR, empty when not profiled
 * @param jmh JMH results found beside the run (target/jmh.json), empty when none
 * @param warnings what went wrong or looks suspicious, in plain words
 * @param calibration the paced generator against the in-process echo, lightest rate first
 * @param pacedProfiles the pool's JFR summary at the judged paced rate, by mode and rate
 * @param swap the mint's swap endpoint under load (SwapLoad), or null when it was not run
 */
public record BenchReport(
        Environment environment,
        String command,
        List<String> setup,
        List<PhaseResult> phases,
        IdleResult idle,
        List<String> profile,
        List<JmhResults.Row> jmh,
        List<String> warnings,
        List<Calibration.Step> calibration,
        Map<String, List<String>> pacedProfiles,
        SwapLoad.Result swap) {

    /** A report without a generator calibration, paced profiles or the swap load. */
    public BenchReport(Environment environment, String command, List<String> setup, List<PhaseResult> phases, IdleResult idle, List<String> profile,
            List<JmhResults.Row> jmh, List<String> warnings) {
        this(environment, command, setup, phases, idle, profile, jmh, warnings, List.of(), Map.of(), null);
    }

    /** A report with the generator's calibration and paced profiles, without the swap load. */
    public BenchReport(Environment environment, String command, List<String> setup, List<PhaseResult> phases, IdleResult idle, List<String> profile,
            List<JmhResults.Row> jmh, List<String> warnings, List<Calibration.Step> calibration, Map<String, List<String>> pacedProfiles) {
        this(environment, command, setup, phases, idle, profile, jmh, warnings, calibration, pacedProfiles, null);
    }

    /** A report with the swap load, without the generator's calibration or paced profiles. */
    public BenchReport(Environment environment, String command, List<String> setup, List<PhaseResult> phases, IdleResult idle,
            List<String> profile, List<JmhResults.Row> jmh, List<String> warnings, SwapLoad.Result swap) {
        this(environment, command, setup, phases, idle, profile, jmh, warnings, List.of(), Map.of(), swap);
    }

    /** The closed-loop (maximum) phase of the mode with this id. */
    public Optional<PhaseResult> max(String modeId) {
        return phases.stream().filter(p -> p.mode().id().equals(modeId) && !p.paced()).findFirst();
    }

    /** Every paced phase of the mode with this id, in the order they ran (heaviest first). */
    public List<PhaseResult> pacedPhases(String modeId) {
        return phases.stream().filter(p -> p.mode().id().equals(modeId) && p.paced()).toList();
    }

    /** The first (heaviest) paced phase of the mode with this id. */
    public Optional<PhaseResult> paced(String modeId) {
        return phases.stream().filter(p -> p.mode().id().equals(modeId) && p.paced()).findFirst();
    }
}
