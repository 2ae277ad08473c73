package io.tidemark.http.metrics;

/**
 * What the {@code /subscribe} endpoint reports to {@code /metrics}: its implementation is handed
 * to {@link NodeMetrics#registerSubscriptions} when the endpoint is wired, and read on every
 * scrape, so each method must be cheap and non-blocking (read counters, never ask an actor).
 * Until one is registered the series read 0.
 */
public interface SubscriptionMetrics {

    /** Reports no subscriptions. */
    SubscriptionMetrics NONE = new SubscriptionMetrics() {
        @Override
        public long live() {
            return 0;
        }

        @Override
        public double maxLagSeconds() {
            return 0;
        }

        @Override
        public long eventsDelivered() {
            return 0;
        }
    };

    /** Subscriptions open now ({@code tidemark_subscriptions_live}). */
    long live();

    /**
     * How far the most lagging open subscription is behind: the age of the oldest event not yet
     * delivered to it, in seconds; 0 when every subscriber is caught up
     * ({@code tidemark_subscription_max_lag_seconds}).
     */
    double maxLagSeconds();

    /** Events delivered to subscribers since the node started ({@code tidemark_subscription_events_delivered_total}). */
    long eventsDelivered();
}
