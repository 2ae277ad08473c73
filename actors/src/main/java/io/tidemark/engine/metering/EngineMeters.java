package io.tidemark.engine.metering;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The usage meters of every table on this node, and the node's memory-store total that the write
 * path compares with its budget. One instance per engine; thread-safe.
 */
public final class EngineMeters {

    private final ConcurrentMap<String, TableMeter> tables = new ConcurrentHashMap<>();
    private final AtomicLong memoryBytes = new AtomicLong();

    /** The meter of a table, created on first use. */
    public TableMeter table(String tableId) {
        return tables.computeIfAbsent(tableId, id -> new TableMeter(this));
    }

    /** Forgets a deleted table, releasing its memory-store bytes from the node's total. */
    public void remove(String tableId) {
        TableMeter meter = tables.remove(tableId);
        if (meter != null) {
            meter.clearMemory();
        }
    }

    /** Heap bytes held by every table's memory store on this node. */
    public long memoryStoreBytes() {
        return memoryBytes.get();
    }

    void addMemory(long delta) {
        memoryBytes.addAndGet(delta);
    }
}
