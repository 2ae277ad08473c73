package io.tidemark.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UTC clock that stands still until a test moves it, so time-driven behaviour (journal cycles,
 * migration, retention) runs without sleeping; safe to read from other threads. It is also the
 * journals' Chronicle time source, so {@link #failNextRead} makes the next journal append fail
 * before anything is written.
 */
public final class ManualClock extends Clock {

    private final AtomicLong millis;
    private final AtomicInteger failingReads = new AtomicInteger();

    public ManualClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    public void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    public void set(Instant instant) {
        millis.set(instant.toEpochMilli());
    }

    /** The next read of the time throws, once. */
    public void failNextRead() {
        failingReads.set(1);
    }

    @Override
    public long millis() {
        if (failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("cannot read the time: clock failure injected by the test");
        }
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock is always UTC");
    }
}
