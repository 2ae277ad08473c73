package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.ast.CurrentTime;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * {@code EXTRACT(field FROM x)} over timestamps, dates, times and intervals (UTC; ISO weeks, Monday
 * is day 1), and the niladic {@code current_date}, {@code current_time},
 * {@code current_timestamp}, {@code localtime}, {@code localtimestamp}, all taken from the query's
 * start instant so every row and every batch sees one value.
 */
final class DateTimeFields {

    private static final long NANOS_PER_HOUR = 3_600L * TemporalMath.NANOS_PER_SECOND;
    private static final long NANOS_PER_MINUTE = 60L * TemporalMath.NANOS_PER_SECOND;

    private DateTimeFields() {
    }

    /** {@code EXTRACT(field FROM value)}; the analyzer checked that the field applies to the type. */
    static VectorExpression extract(String fieldName, VectorExpression value) {
        String field = canonical(fieldName.toUpperCase(Locale.ROOT));
        SqlType type = value.type();
        return new Evaluator(PrimitiveType.BIGINT, (batch, context) -> {
            Vector in = value.evaluate(batch, context);
            int rows = batch.rowCount();
            long[] out = new long[rows];
            for (int i = 0; i < rows; i++) {
                if (!in.isNull(i)) {
                    out[i] = extract(field, type, in.getLong(i));
                }
            }
            return Vector.ofLongs(PrimitiveType.BIGINT, out, NullMasks.of(in), rows);
        });
    }

    private static String canonical(String field) {
        switch (field) {
            case "DAY_OF_MONTH":
                return "DAY";
            case "DOW":
                return "DAY_OF_WEEK";
            case "DOY":
                return "DAY_OF_YEAR";
            case "YOW":
                return "YEAR_OF_WEEK";
            default:
                return field;
        }
    }

    static long extract(String field, SqlType type, long value) {
        if (type == PrimitiveType.INTERVAL_YEAR_TO_MONTH) {
            return field.equals("YEAR") ? value / 12 : value % 12;
        }
        if (type == PrimitiveType.INTERVAL_DAY_TO_SECOND) {
            switch (field) {
                case "DAY":
                    return value / TemporalMath.NANOS_PER_DAY;
                case "HOUR":
                    return value / NANOS_PER_HOUR % 24;
                case "MINUTE":
                    return value / NANOS_PER_MINUTE % 60;
                default:
                    return value / TemporalMath.NANOS_PER_SECOND % 60;
            }
        }
        long days;
        long nanosOfDay;
        if (type == PrimitiveType.DATE) {
            days = value;
            nanosOfDay = 0;
        } else if (type == PrimitiveType.TIME) {
            days = 0;
            nanosOfDay = value;
        } else {
            days = Math.floorDiv(value, TemporalMath.NANOS_PER_DAY);
            nanosOfDay = Math.floorMod(value, TemporalMath.NANOS_PER_DAY);
        }
        switch (field) {
            case "HOUR":
                return nanosOfDay / NANOS_PER_HOUR;
            case "MINUTE":
                return nanosOfDay / NANOS_PER_MINUTE % 60;
            case "SECOND":
                return nanosOfDay / TemporalMath.NANOS_PER_SECOND % 60;
            case "DAY_OF_WEEK":
                return Math.floorMod(days + 3, 7) + 1;
            case "WEEK":
                return LocalDate.ofEpochDay(days).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "YEAR_OF_WEEK":
                return LocalDate.ofEpochDay(days).get(IsoFields.WEEK_BASED_YEAR);
            default:
                break;
        }
        long civil = TemporalMath.civilFromDays(days);
        switch (field) {
            case "YEAR":
                return TemporalMath.year(civil);
            case "QUARTER":
                return (TemporalMath.month(civil) - 1) / 3 + 1;
            case "MONTH":
                return TemporalMath.month(civil);
            case "DAY":
                return TemporalMath.day(civil);
            default:
                return days - TemporalMath.daysFromCivil(TemporalMath.year(civil), 1, 1) + 1;
        }
    }

    /** The value of a niladic time function at the query's start. */
    static VectorExpression current(CurrentTime.Function function, SqlType type) {
        return new Evaluator(type, (batch, context) -> {
            long now = context.queryStartNanos() + context.zone().getTotalSeconds() * TemporalMath.NANOS_PER_SECOND;
            long value;
            switch (function) {
                case CURRENT_DATE:
                    value = Math.floorDiv(now, TemporalMath.NANOS_PER_DAY);
                    break;
                case CURRENT_TIME:
                case LOCALTIME:
                    value = Math.floorMod(now, TemporalMath.NANOS_PER_DAY);
                    break;
                default:
                    value = now;
            }
            long[] out = new long[batch.rowCount()];
            java.util.Arrays.fill(out, value);
            return Vector.ofLongs(type, out, null, out.length);
        });
    }
}
