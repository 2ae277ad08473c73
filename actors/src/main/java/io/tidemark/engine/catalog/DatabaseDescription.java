package io.tidemark.engine.catalog;

import java.time.Instant;

/** A database as DescribeDatabase returns it. */
public record DatabaseDescription(String name, String arn, long tableCount, String kmsKeyId, Instant creationTime,
        Instant lastUpdatedTime) {
}
