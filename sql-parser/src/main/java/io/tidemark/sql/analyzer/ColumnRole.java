package io.tidemark.sql.analyzer;

/** What a table column holds, named as Timestream's DESCRIBE reports it. */
public enum ColumnRole {
    DIMENSION,
    MEASURE_NAME,
    TIMESTAMP,
    MEASURE_VALUE,
    MULTI
}
