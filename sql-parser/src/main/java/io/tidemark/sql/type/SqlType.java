package io.tidemark.sql.type;

/**
 * A type of Timestream's SQL: a {@link PrimitiveType} or one of the parametric types (array, map,
 * row, timeseries, function). Every type knows the name Trino and Timestream print for it
 * ({@link #displayName()}, e.g. {@code array(double)}) and the ScalarType/ColumnInfo kind
 * Timestream reports in a query result ({@link #columnInfoType()}).
 */
public sealed interface SqlType permits PrimitiveType, ArrayType, MapType, RowType, TimeSeriesType, FunctionType {

    /** The lower-case name SQL prints, e.g. {@code bigint}, {@code row(time timestamp, value double)}. */
    String displayName();

    /**
     * The kind a result column reports: the ScalarType name for primitives ({@code BIGINT},
     * {@code INTERVAL_DAY_TO_SECOND}, {@code UNKNOWN}, ...), {@code ARRAY}, {@code ROW},
     * {@code TIMESERIES} or {@code MAP} for the parametric types (ArrayColumnInfo, RowColumnInfo,
     * TimeSeriesMeasureValueColumnInfo; a map has no ColumnInfo in Timestream), {@code FUNCTION}
     * for a lambda, which never reaches a result.
     */
    String columnInfoType();

    /** True if values of this type can be compared with {@code =} and {@code <>}. */
    boolean isComparable();

    /** True if values of this type can be ordered ({@code <}, ORDER BY, min/max). */
    boolean isOrderable();
}
