package org.sharemint.bench;

/** Readings of the pool under test; an external pool (--target) gives none. */
interface PoolProbe {
    /** CPU seconds (user + system) the pool has used, NaN when unknown. */
    double cpuSeconds();

    /** Resident memory in bytes, -1 when unknown. */
    long rssBytes();

    /** Used heap in bytes, -1 when unknown. */
    long heapUsedBytes() throws InterruptedException;

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
