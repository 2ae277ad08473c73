package io.tidemark.engine.query.fragment.remote;

import io.tidemark.engine.query.fragment.ShardFragmentScan;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A fragment chunk hook ({@code tidemark.engine.query.fragment-chunk-hook}) for tests of long
 * fragments: a run over a held shard of a held table waits before its first chunk until the test
 * releases the table or the run is stopped, on every node of the JVM that names this hook. What it
 * holds is static, shared by the nodes' instances.
 */
public final class HoldingChunkHook implements ShardFragmentScan.ChunkHook {

    /** Held shards by table id. */
    private static final Map<String, Set<Integer>> HELD = new ConcurrentHashMap<>();
    private static final AtomicInteger HOLDING = new AtomicInteger();
    private static final Set<String> QUERIES = ConcurrentHashMap.newKeySet();

    /** Holds the runs of {@code shards} of the table from now on. */
    static void hold(String tableId, Set<Integer> shards) {
        QUERIES.clear();
        HELD.put(tableId, Set.copyOf(shards));
    }

    /** Lets every run of the table go on. */
    static void release(String tableId) {
        HELD.remove(tableId);
    }

    /** Runs waiting in the hook now. */
    static int holding() {
        return HOLDING.get();
    }

    /** The ids of the queries whose runs the hook held since the last {@link #hold}. */
    static Set<String> queryIds() {
        return Set.copyOf(QUERIES);
    }

    @Override
    public void beforeChunk(String queryId, ShardFragmentScan.Scope scope, BooleanSupplier stopped) {
        if (!isHeld(scope)) {
            return;
        }
        QUERIES.add(queryId);
        HOLDING.incrementAndGet();
        try {
            while (isHeld(scope) && !stopped.getAsBoolean()) {
                LockSupport.parkNanos(5_000_000);
            }
        } finally {
            HOLDING.decrementAndGet();
        }
    }

    private static boolean isHeld(ShardFragmentScan.Scope scope) {
        Set<Integer> shards = HELD.get(scope.tableId());
        return shards != null && shards.contains(scope.shard());
    }
}
