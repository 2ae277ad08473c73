package io.tidemark.sql.ast;

/** A SQL type as written in CAST, {@code ::} or a ROW type. */
public sealed interface DataType extends Node
        permits GenericDataType, RowDataType, IntervalDataType {
}
