package io.tidemark.engine.subscription;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's subscription counters, written by the subscription actors and read by metrics.
 * Each live query reports the acknowledgement time of its oldest write not yet delivered.
 */
final class SubscriptionStats implements SubscriptionMetrics {

    private final Clock clock;
    private final AtomicInteger subscribers = new AtomicInteger();
    private final AtomicLong evaluations = new AtomicLong();
    private final AtomicLong slowClosed = new AtomicLong();
    /** Live query id → epoch millis of its oldest undelivered write, 0 when none. */
    private final Map<Long, Long> undeliveredSince = new ConcurrentHashMap<>();

    SubscriptionStats(Clock clock) {
        this.clock = clock;
    }

    void liveQueryStarted(long id) {
        undeliveredSince.put(id, 0L);
    }

    void liveQueryStopped(long id) {
        undeliveredSince.remove(id);
    }

    void undeliveredSince(long id, long millis) {
        undeliveredSince.replace(id, millis);
    }

    void subscribersChanged(int delta) {
        subscribers.addAndGet(delta);
    }

    void evaluated() {
        evaluations.incrementAndGet();
    }

    void slowSubscriberClosed() {
        slowClosed.incrementAndGet();
    }

    @Override
    public int subscribers() {
        return subscribers.get();
    }

    @Override
    public int liveQueries() {
        return undeliveredSince.size();
    }

    @Override
    public long lagMillis() {
        long oldest = Long.MAX_VALUE;
        for (long since : undeliveredSince.values()) {
            if (since > 0) {
                oldest = Math.min(oldest, since);
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest);
    }

    @Override
    public long evaluations() {
        return evaluations.get();
    }

    @Override
    public long slowSubscribersClosed() {
        return slowClosed.get();
    }
}
