package io.tidemark.engine.catalog;

import io.tidemark.storage.serialization.KryoSerializable;
import java.time.Instant;

/** A database as DescribeDatabase returns it. */
public record DatabaseDescription(String name, String arn, long tableCount, String kmsKeyId, Instant creationTime,
        Instant lastUpdatedTime) implements KryoSerializable {
}
