package org.sharemint.monitor;

/**
 * The three windows of the hashrate figures, each a ring of time slots: {@code complete} whole
 * slots plus the one being filled. A worker keeps 7 + 11 + 13 doubles for them. The figure of a
 * window covers its complete slots and the current part-slot, so it spans the window plus up to
 * one slot.
 */
enum Window {
    ONE_MINUTE("1m", 10_000, 6),
    TEN_MINUTES("10m", 60_000, 10),
    ONE_HOUR("1h", 300_000, 12);

    /** The tick every slot length is a multiple of. */
    static final long TICK_MS = 10_000;

    final String label;
    final long slotMs;
    final int complete;
    /** Slots in the ring: the complete ones and the current one. */
    final int slots;
    /** Ticks per slot. */
    final int ticksPerSlot;

    Window(String label, long slotMs, int complete) {
        this.label = label;
        this.slotMs = slotMs;
        this.complete = complete;
        this.slots = complete + 1;
        this.ticksPerSlot = (int) (slotMs / TICK_MS);
    }

    /** The window's nominal length in milliseconds. */
    long lengthMs() {
        return slotMs * complete;
    }

    /** Ring index of the slot that holds tick {@code tick}. */
    int index(long tick) {
        return (int) ((tick / ticksPerSlot) % slots);
    }

    /** Milliseconds the window's figure covers at {@code nowMs}: the complete slots and the current part-slot. */
    long spanMs(long nowMs) {
        return lengthMs() + nowMs % slotMs;
    }
}
