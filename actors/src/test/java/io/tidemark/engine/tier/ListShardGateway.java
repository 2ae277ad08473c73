package io.tidemark.engine.tier;

import io.tidemark.engine.shard.FrozenChunks;
import io.tidemark.engine.shard.SeriesChunks;
import io.tidemark.engine.shard.ShardGateway;
import io.tidemark.engine.shard.ShardStats;
import io.tidemark.engine.shard.ShardWriteResult;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shards that hold real sealed chunks in lists, for the tier tests: freezing takes the chunks
 * whose points are all older than the cutoff (each freeze takes them again until a commit drops
 * them), committing drops the frozen set. Every freeze and commit is appended to {@link #events},
 * which the tests share with a file facade that logs segment writes, to check the order of steps.
 */
final class ListShardGateway implements ShardGateway {

    /** One chunk of a series held by a shard. */
    private record Held(SeriesKey series, SealedChunk chunk) {
    }

    private final Map<String, List<Held>> shards = new HashMap<>();
    private final Map<String, Map<Long, List<Held>>> frozen = new HashMap<>();
    private final AtomicLong migrationIds = new AtomicLong();
    private final List<String> events;

    ListShardGateway(List<String> events) {
        this.events = events;
    }

    private static String key(String tableId, int shard) {
        return tableId + "/" + shard;
    }

    synchronized void add(String tableId, int shard, SeriesKey series, SealedChunk chunk) {
        shards.computeIfAbsent(key(tableId, shard), k -> new ArrayList<>()).add(new Held(series, chunk));
    }

    /** The chunks a shard holds now. */
    synchronized List<SealedChunk> held(String tableId, int shard) {
        List<SealedChunk> out = new ArrayList<>();
        for (Held held : shards.getOrDefault(key(tableId, shard), List.of())) {
            out.add(held.chunk());
        }
        return out;
    }

    @Override
    public synchronized CompletionStage<FrozenChunks> freezeForMigration(String tableId, int shard, long cutoffNanos) {
        String key = key(tableId, shard);
        List<Held> taken = new ArrayList<>();
        Map<SeriesKey, List<SealedChunk>> bySeries = new LinkedHashMap<>();
        for (Held held : shards.getOrDefault(key, List.of())) {
            if (held.chunk().maxTime() < cutoffNanos) {
                taken.add(held);
                bySeries.computeIfAbsent(held.series(), s -> new ArrayList<>()).add(held.chunk());
            }
        }
        long id = migrationIds.incrementAndGet();
        frozen.computeIfAbsent(key, k -> new HashMap<>()).put(id, taken);
        List<SeriesChunks> series = new ArrayList<>();
        bySeries.forEach((s, chunks) -> series.add(new SeriesChunks(s, chunks)));
        events.add("freeze " + key + " chunks=" + taken.size());
        return CompletableFuture.completedFuture(new FrozenChunks(id, cutoffNanos, series));
    }

    @Override
    public synchronized CompletionStage<Void> commitMigration(String tableId, int shard, long migrationId) {
        String key = key(tableId, shard);
        List<Held> taken = frozen.getOrDefault(key, Map.of()).remove(migrationId);
        if (taken == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("cannot commit migration: unknown id="
                    + migrationId + ", shard=" + key));
        }
        shards.getOrDefault(key, new ArrayList<>()).removeAll(taken);
        events.add("commit " + key + " chunks=" + taken.size());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<ShardWriteResult> write(WriteBatch batch) {
        return unsupported("write");
    }

    @Override
    public CompletionStage<List<SeriesChunks>> scan(String tableId, int shard, long fromNanos, long toNanos) {
        return unsupported("scan");
    }

    @Override
    public CompletionStage<ShardStats> stats(String tableId, int shard) {
        return unsupported("stats");
    }

    @Override
    public CompletionStage<Void> drop(String tableId, int shard) {
        return unsupported("drop");
    }

    private static <T> CompletionStage<T> unsupported(String what) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("the tier does not " + what + " shards"));
    }
}
