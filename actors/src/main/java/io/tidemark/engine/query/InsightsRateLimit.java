package io.tidemark.engine.query;

import io.tidemark.engine.EngineException;
import java.time.Clock;

/**
 * Timestream's rate control of query insights: at most {@code perSecond} queries with
 * {@code QueryInsights} enabled start per second on this node (a token bucket of
 * {@code perSecond} tokens, refilled continuously); past it the query is refused with THROTTLING.
 * Set by {@code tidemark.engine.query.insights-per-second}. Thread-safe.
 */
final class InsightsRateLimit {

    private final int perSecond;
    private final Clock clock;
    private double tokens;
    private long refilledMillis;

    InsightsRateLimit(int perSecond, Clock clock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("cannot limit query insights: insights-per-second must be at least 1,"
                    + " value=" + perSecond);
        }
        this.perSecond = perSecond;
        this.clock = clock;
        this.tokens = perSecond;
        this.refilledMillis = clock.millis();
    }

    /** Takes a token, or throws THROTTLING when none is left this second. */
    synchronized void acquire() {
        long now = clock.millis();
        tokens = Math.min(perSecond, tokens + (now - refilledMillis) * perSecond / 1000.0);
        refilledMillis = now;
        if (tokens < 1) {
            throw EngineException.throttling("cannot run query: queries with QueryInsights enabled are limited to "
                    + perSecond + " per second (tidemark.engine.query.insights-per-second)");
        }
        tokens -= 1;
    }
}
