package io.tidemark.engine.subscription;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code tidemark.engine.subscription.*}.
 *
 * @param minInterval the least time between two evaluations of one live query: writes arriving
 *     meanwhile are coalesced into the next evaluation (0: evaluate after every write)
 * @param refreshInterval how often a live query is evaluated in full even without writes: this
 *     moves {@code ago()} windows (rows leaving them are sent as removed)
 * @param maxPendingRows changed rows a subscriber may have waiting (not yet sent, because it has
 *     not acknowledged the previous event) before it is closed as too slow
 * @param maxCoalescedUpdates evaluations whose changes a subscriber may have waiting merged into
 *     one update before it is closed as too slow
 */
public record SubscriptionSettings(Duration minInterval, Duration refreshInterval, int maxPendingRows,
        int maxCoalescedUpdates) {

    public static SubscriptionSettings fromConfig(Config config) {
        Config c = config.getConfig("tidemark.engine.subscription");
        return new SubscriptionSettings(c.getDuration("min-interval"), c.getDuration("refresh-interval"),
                c.getInt("max-pending-rows"), c.getInt("max-coalesced-updates"));
    }
}
