package io.tidemark.engine.subscription;

/**
 * The subscription figures a metrics endpoint exports; safe to read from any thread.
 */
public interface SubscriptionMetrics {

    /** Subscribers connected now. */
    int subscribers();

    /** Distinct live queries evaluated now (subscribers of the same query share one). */
    int liveQueries();

    /**
     * Milliseconds since the oldest acknowledged write whose effect has not yet been handed to
     * the subscribers of a live query over its table; 0 when every write is delivered.
     */
    long lagMillis();

    /** Evaluations run since start (first results, incremental and full re-evaluations). */
    long evaluations();

    /** Subscribers closed since start because they did not keep up. */
    long slowSubscribersClosed();
}
