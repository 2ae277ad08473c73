package io.tidemark.engine.metering;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live usage counters of one table, updated by whoever moves its data: the write path adds
 * ingested bytes, shards add and remove memory-store chunks, the tier migrator and the retention
 * janitor add and remove magnetic segments. Thread-safe.
 */
public final class TableMeter {

    private final EngineMeters owner;
    private final LongAdder ingestedBytes = new LongAdder();
    private final LongAdder ingestedRecords = new LongAdder();
    private final LongAdder ingestedPoints = new LongAdder();
    private final AtomicLong memoryBytes = new AtomicLong();
    private final AtomicLong memoryPoints = new AtomicLong();
    private final AtomicLong magneticBytes = new AtomicLong();
    private final AtomicLong magneticPoints = new AtomicLong();

    TableMeter(EngineMeters owner) {
        this.owner = owner;
    }

    /**
     * Counts accepted records.
     *
     * @param bytes their metered bytes
     * @param points their measure values (a multi-measure record has one per present measure)
     */
    public void addIngested(long bytes, long records, long points) {
        ingestedBytes.add(bytes);
        ingestedRecords.add(records);
        ingestedPoints.add(points);
    }

    /** Adds (or with negative deltas removes) memory-store bytes and points. */
    public void addMemory(long bytesDelta, long pointsDelta) {
        memoryBytes.addAndGet(bytesDelta);
        memoryPoints.addAndGet(pointsDelta);
        owner.addMemory(bytesDelta);
    }

    /** Adds (or with negative deltas removes) magnetic-store bytes and points. */
    public void addMagnetic(long bytesDelta, long pointsDelta) {
        magneticBytes.addAndGet(bytesDelta);
        magneticPoints.addAndGet(pointsDelta);
    }

    public TableUsage usage() {
        return new TableUsage(ingestedBytes.sum(), memoryBytes.get(), memoryPoints.get(), magneticBytes.get(),
                magneticPoints.get(), ingestedRecords.sum(), ingestedPoints.sum());
    }

    /** Clears the memory-store counters, releasing their share of the node's total (table deleted). */
    void clearMemory() {
        addMemory(-memoryBytes.get(), -memoryPoints.get());
    }
}
