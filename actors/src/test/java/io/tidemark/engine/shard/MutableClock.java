package io.tidemark.engine.shard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock the test moves by hand: journal cycles roll and migration ids advance without waiting.
 * It is also the journal's Chronicle time provider, so a read that fails makes the next journal
 * append fail before anything is written.
 */
final class MutableClock extends Clock {

    private final AtomicLong millis;
    private final AtomicInteger failingReads = new AtomicInteger();

    MutableClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    void advance(Duration by) {
        millis.addAndGet(by.toMillis());
    }

    /** The next read of the time throws, once. */
    void failNextRead() {
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
        throw new UnsupportedOperationException("cannot change the zone of a test clock");
    }
}
