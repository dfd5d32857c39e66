package org.sharemint.bench;

/** Readings of the pool under test; an external pool (--target) gives none. */
interface PoolProbe {
    /** CPU seconds (user + system) the pool has used, NaN when unknown. */
    double cpuSeconds();

    /** Resident memory in bytes, -1 when unknown. */
    long rssBytes();

    /** Used heap in bytes, -1 when unknown. */
    long heapUsedBytes() throws InterruptedException;

    /** The samples of the pool's /metrics, empty when unavailable. */
    default java.util.Map<String, Double> metrics() {
        return java.util.Map.of();
    }

    PoolProbe NONE = new PoolProbe() {
        public double cpuSeconds() {
            return Double.NaN;
        }

        public long rssBytes() {
            return -1;
        }

        public long heapUsedBytes() {
            return -1;
        }
    };
}
