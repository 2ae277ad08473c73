package io.tidemark.sql.type;

import java.util.List;
import java.util.Objects;

/**
 * Timestream's {@code timeseries(T)}: points (time, value) in ascending time. Its element, as seen
 * by {@code filter}/{@code reduce} lambdas and {@code UNNEST}, is {@link #pointType()}.
 */
public record TimeSeriesType(SqlType valueType) implements SqlType {

    public TimeSeriesType {
        Objects.requireNonNull(valueType, "valueType");
    }

    /** {@code row(time timestamp, value T)}. */
    public RowType pointType() {
        return new RowType(List.of(RowType.Field.named("time", PrimitiveType.TIMESTAMP), RowType.Field.named("value", valueType)));
    }

    @Override
    public String displayName() {
        return "timeseries(" + valueType.displayName() + ")";
    }

    @Override
    public String columnInfoType() {
        return "TIMESERIES";
    }

    @Override
    public boolean isComparable() {
        return false;
    }

    @Override
    public boolean isOrderable() {
        return false;
    }
}
