package io.tidemark.sql.type;

import java.util.Locale;

/** The non-parametric types. {@link #UNKNOWN} is the type of a bare {@code NULL}, coercible to every type. */
public enum PrimitiveType implements SqlType {
    BOOLEAN("boolean"),
    INTEGER("integer"),
    BIGINT("bigint"),
    DOUBLE("double"),
    VARCHAR("varchar"),
    TIMESTAMP("timestamp"),
    DATE("date"),
    TIME("time"),
    INTERVAL_DAY_TO_SECOND("interval day to second"),
    INTERVAL_YEAR_TO_MONTH("interval year to month"),
    UNKNOWN("unknown");

    private final String displayName;

    PrimitiveType(String displayName) {
        this.displayName = displayName;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String columnInfoType() {
        return name();
    }

    @Override
    public boolean isComparable() {
        return true;
    }

    @Override
    public boolean isOrderable() {
        return true;
    }

    /** True for integer, bigint and double. */
    public boolean isNumeric() {
        return this == INTEGER || this == BIGINT || this == DOUBLE;
    }

    /** True for both interval kinds. */
    public boolean isInterval() {
        return this == INTERVAL_DAY_TO_SECOND || this == INTERVAL_YEAR_TO_MONTH;
    }

    @Override
    public String toString() {
        return displayName.toUpperCase(Locale.ROOT);
    }
}
