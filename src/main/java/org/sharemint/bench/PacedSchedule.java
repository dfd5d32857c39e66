package org.sharemint.bench;

/**
 * The open-loop schedule: submit j of the whole run is due at t0 + j / rate. With T sender
 * threads, thread k takes j = k, k + T, k + 2T, ...; its m-th submit is j = k + m * T.
 */
final class PacedSchedule {
    private PacedSchedule() {}

    /**
     * @param t0 the schedule's start (System.nanoTime)
     * @param nanosPerSubmit 1e9 / rate
     */
    static long due(long t0, double nanosPerSubmit, int threads, int thread, long m) {
        return t0 + (long) ((thread + m * (double) threads) * nanosPerSubmit);
    }

    /** Submits the whole schedule has due in [from, to): what a run offers in that interval. */
    static long dueBetween(long t0, double nanosPerSubmit, long from, long to) {
        return firstAtOrAfter(t0, nanosPerSubmit, to) - firstAtOrAfter(t0, nanosPerSubmit, from);
    }

    private static long firstAtOrAfter(long t0, double nanosPerSubmit, long t) {
        if (t <= t0) return 0;
        long j = (long) Math.ceil((t - t0) / nanosPerSubmit);
        while (j > 0 && t0 + (long) ((j - 1) * nanosPerSubmit) >= t) j--;
        while (t0 + (long) (j * nanosPerSubmit) < t) j++;
        return j;
    }
}
