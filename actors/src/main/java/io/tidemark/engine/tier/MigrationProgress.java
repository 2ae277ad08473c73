package io.tidemark.engine.tier;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the {@link TierMigrator} has done, readable at any time without asking it (the node's
 * metrics read it on every scrape): when each shard last migrated successfully, how many shard
 * migrations failed and how many points moved. Written by the migrator, and on the nodes it does
 * not run on by {@link #absorb}; thread-safe.
 *
 * <p>A shard that migrated successfully at time T holds no data that was due at T, so
 * {@link #lagMillis} bounds how long due data can have waited in the memory store. A healthy node
 * keeps it below the migration interval plus a pass's duration.
 *
 * <p>In a cluster the migrator runs on one node; the others {@link #absorb} the {@link #snapshot}
 * it publishes every {@code magnetic-refresh-interval} ({@link MagneticNotices}), so every node's
 * metrics show the cluster's migration, at most that interval late. Absorbing keeps the later
 * time per shard and the larger count, so it is idempotent and never moves a figure backwards.
 */
public final class MigrationProgress {

    /** Stands for "never migrated" in a shard's slot; such a shard counts from {@link #startedMillis}. */
    private static final long NEVER = 0;

    private final long startedMillis;
    /** Table id to, per shard, the epoch millis of its last successful migration or {@link #NEVER}. */
    private final ConcurrentMap<String, AtomicLongArray> lastMigrated = new ConcurrentHashMap<>();
    private final LongAdder failedShards = new LongAdder();
    private final LongAdder migratedPoints = new LongAdder();

    /** @param startedMillis when the migrator started: shards not yet migrated have waited since then */
    public MigrationProgress(long startedMillis) {
        this.startedMillis = startedMillis;
    }

    void shardMigrated(String tableId, int shard, int shardCount, long atMillis, long points) {
        lastMigrated.computeIfAbsent(tableId, id -> new AtomicLongArray(shardCount)).set(shard, atMillis);
        migratedPoints.add(points);
    }

    void shardFailed() {
        failedShards.increment();
    }

    /**
     * Milliseconds since the table's least recently migrated shard last migrated successfully
     * (since the migrator started, for a shard never migrated).
     */
    public long lagMillis(String tableId, int shardCount, long nowMillis) {
        AtomicLongArray shards = lastMigrated.get(tableId);
        long oldest = Long.MAX_VALUE;
        for (int s = 0; s < shardCount; s++) {
            long at = shards == null || s >= shards.length() ? NEVER : shards.get(s);
            oldest = Math.min(oldest, at == NEVER ? startedMillis : at);
        }
        return shardCount == 0 ? 0 : Math.max(0, nowMillis - oldest);
    }

    /** Shard migrations that failed (each is retried at the next pass). */
    public long failedShards() {
        return failedShards.sum();
    }

    /** Points moved to the magnetic store. */
    public long migratedPoints() {
        return migratedPoints.sum();
    }

    /**
     * The figures now, to send to the other nodes.
     *
     * @param lastMigrated table id to, per shard, the epoch millis of its last successful migration (0: never)
     */
    public record Snapshot(Map<String, long[]> lastMigrated, long failedShards, long migratedPoints) {
    }

    public Snapshot snapshot() {
        Map<String, long[]> shards = new HashMap<>();
        lastMigrated.forEach((tableId, times) -> {
            long[] copy = new long[times.length()];
            for (int s = 0; s < copy.length; s++) {
                copy[s] = times.get(s);
            }
            shards.put(tableId, copy);
        });
        return new Snapshot(shards, failedShards.sum(), migratedPoints.sum());
    }

    /** Takes in the figures of the node running the migrator: per shard the later time, per counter the larger value. */
    public void absorb(Snapshot snapshot) {
        snapshot.lastMigrated().forEach((tableId, times) -> {
            AtomicLongArray mine = lastMigrated.compute(tableId, (id, old) -> old != null && old.length() >= times.length
                    ? old : widened(old, times.length));
            for (int s = 0; s < times.length; s++) {
                mine.accumulateAndGet(s, times[s], Math::max);
            }
        });
        raiseTo(failedShards, snapshot.failedShards());
        raiseTo(migratedPoints, snapshot.migratedPoints());
    }

    private static AtomicLongArray widened(AtomicLongArray old, int length) {
        AtomicLongArray wider = new AtomicLongArray(length);
        for (int s = 0; old != null && s < old.length(); s++) {
            wider.set(s, old.get(s));
        }
        return wider;
    }

    private static void raiseTo(LongAdder counter, long value) {
        long missing = value - counter.sum();
        if (missing > 0) {
            counter.add(missing);
        }
    }

    /** Forgets a deleted table. */
    public void forget(String tableId) {
        lastMigrated.remove(tableId);
    }
}
