package io.tidemark.storage.chunk;

/**
 * Per-column aggregates kept in the chunk header so MIN/MAX/SUM/COUNT/first/last over whole chunks
 * need no value decoding. Absent (null) values are not counted. Layout: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>, "Stats".
 */
public sealed interface ColumnStats permits ColumnStats.DoubleStats, ColumnStats.LongStats,
        ColumnStats.BooleanStats, ColumnStats.VarcharStats {

    /** Rows where this column has a value. */
    int nonNullCount();

    /**
     * DOUBLE column. {@code min}/{@code max} ignore NaN (NaN only when every value is NaN or there
     * are none); {@code sum} is the plain IEEE sum in row order, so one NaN makes it NaN.
     * {@code first}/{@code last} are the values at the earliest and latest present rows.
     */
    record DoubleStats(int nonNullCount, double min, double max, double sum, double first, double last)
            implements ColumnStats {
    }

    /**
     * BIGINT or TIMESTAMP column. {@code sum} wraps on overflow and {@code sumOverflowed} says so;
     * then a reader must decode the values to sum them.
     */
    record LongStats(int nonNullCount, long min, long max, long sum, boolean sumOverflowed, long first, long last)
            implements ColumnStats {
    }

    /** BOOLEAN column; {@code trueCount} rows hold true. */
    record BooleanStats(int nonNullCount, int trueCount) implements ColumnStats {
    }

    /** VARCHAR column. */
    record VarcharStats(int nonNullCount) implements ColumnStats {
    }
}
