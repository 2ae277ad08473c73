package io.tidemark.engine.catalog;

import io.tidemark.storage.serialization.KryoSerializable;
import java.time.Instant;
import java.util.List;

/**
 * A table as DescribeTable returns it, plus what the engine needs to place its data.
 *
 * @param tableId stable id naming the table's files and shard entities; never reused, so a table
 *     deleted and created again under the same name starts empty
 * @param partitionKeys the composite partition key; {@code [PartitionKey.DEFAULT]} when none was given
 * @param shardCount how many series shards hold the table's data; fixed at creation
 * @param memoryStoreFloorMillis after memory retention was raised at time c from r, writes older
 *     than {@code c - r} stay refused until the longer window has elapsed (Timestream's rule):
 *     the lower bound of the memory-store window is {@code max(now - retention, floor)}; 0 when
 *     there is no such floor
 */
public record TableDescription(
        String databaseName,
        String tableName,
        String tableId,
        String arn,
        TableStatus status,
        RetentionProperties retention,
        MagneticStoreWriteProperties magneticStoreWrites,
        List<PartitionKey> partitionKeys,
        int shardCount,
        long memoryStoreFloorMillis,
        Instant creationTime,
        Instant lastUpdatedTime) implements KryoSerializable {

    public TableDescription {
        partitionKeys = List.copyOf(partitionKeys);
    }
}
