package io.tidemark.engine.shard;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ShardSeriesValues} of the shards running on this node, by table id and shard. A
 * shard publishes its values once it serves (its journal replayed, caught up with its replicas)
 * and withdraws them when it stops; a shard not listed here (not started, on another node, being
 * handed over) is unknown, and a query asks it as ever. One per node, shared by its shards and the
 * {@link SeriesShardService} that answers {@link ShardGateway#mayHold}.
 */
final class LocalShardSeries {

    private final Map<String, ShardSeriesValues> running = new ConcurrentHashMap<>();

    void publish(String tableId, int shard, ShardSeriesValues values) {
        running.put(SeriesShard.entityId(tableId, shard), values);
    }

    /** Withdraws {@code values} unless a later start of the shard has already published its own. */
    void withdraw(String tableId, int shard, ShardSeriesValues values) {
        running.remove(SeriesShard.entityId(tableId, shard), values);
    }

    /** True unless the shard runs here and none of its series can match {@code wanted}. */
    boolean mayHold(String tableId, int shard, Map<String, Set<String>> wanted) {
        ShardSeriesValues values = running.get(SeriesShard.entityId(tableId, shard));
        return values == null || values.mayHold(wanted);
    }
}
