package org.sharemint.monitor;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand. */
final class SteppedClock extends Clock {
    private volatile long ms;

    SteppedClock(long startMs) {
        this.ms = startMs;
    }

    void advance(long byMs) {
        ms += byMs;
    }

    @Override
    public long millis() {
        return ms;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(ms);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
