package io.tidemark.engine.query.vector;

import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;

/**
 * Which array of a {@link Vector} holds the values of a SQL type, and how a value of that type
 * looks when boxed (inside arrays, maps, rows, or through {@link Vector#get(int)}):
 * <ul>
 * <li>{@link #LONG}: integer, bigint (the value), timestamp (nanoseconds since the epoch, UTC),
 *     date (days since the epoch), time (nanoseconds of the day), interval day to second
 *     (nanoseconds), interval year to month (months); boxed as {@link Long}.</li>
 * <li>{@link #DOUBLE}: double; boxed as {@link Double}.</li>
 * <li>{@link #BOOLEAN}: boolean; boxed as {@link Boolean}.</li>
 * <li>{@link #OBJECT}: varchar ({@link String}), array ({@link java.util.List} of boxed elements,
 *     nulls allowed), map ({@link java.util.Map}, insertion-ordered), row ({@link java.util.List}
 *     of boxed fields), timeseries ({@link java.util.List} of points, each a two-element
 *     {@link java.util.List} {@code [Long time, value]}), function (a {@code LambdaValue}),
 *     unknown (always null).</li>
 * </ul>
 */
public enum Storage {
    LONG, DOUBLE, BOOLEAN, OBJECT;

    public static Storage of(SqlType type) {
        if (type instanceof PrimitiveType primitive) {
            switch (primitive) {
                case BOOLEAN:
                    return BOOLEAN;
                case DOUBLE:
                    return DOUBLE;
                case VARCHAR:
                case UNKNOWN:
                    return OBJECT;
                default:
                    return LONG;
            }
        }
        return OBJECT;
    }
}
