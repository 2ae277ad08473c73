package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.sql.ast.DurationLiteral;
import io.tidemark.sql.ast.IntervalField;
import io.tidemark.sql.ast.IntervalLiteral;
import io.tidemark.sql.ast.TypedLiteral;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The values of literals with text to interpret: {@code TIMESTAMP '...'}, {@code DATE '...'},
 * {@code TIME '...'}, {@code BIGINT '5'} and the like, ANSI intervals
 * ({@code INTERVAL '3 04:05:06.5' DAY TO SECOND}, {@code INTERVAL '1-2' YEAR TO MONTH}) and
 * Timestream durations ({@code 15m}). Bad text is a {@link QueryFunctionException}, reported by
 * the compiler at the literal's position.
 */
final class Literals {

    private static final long[] DAY_TO_SECOND_NANOS = {0, 0, TemporalMath.NANOS_PER_DAY, 3_600_000_000_000L, 60_000_000_000L,
        TemporalMath.NANOS_PER_SECOND};

    private Literals() {
    }

    static Object typed(TypedLiteral literal, SqlType type) {
        String text = literal.value();
        switch (literal.type().toLowerCase(Locale.ROOT)) {
            case "timestamp":
                return ValueFormat.parseTimestamp(text);
            case "date":
                return ValueFormat.parseDate(text);
            case "time":
                return ValueFormat.parseTime(text);
            default:
                return Casts.castValue(text, PrimitiveType.VARCHAR, type, null);
        }
    }

    static long duration(DurationLiteral literal) {
        try {
            return Math.multiplyExact(literal.amount(), literal.unit().nanos());
        } catch (ArithmeticException e) {
            throw new QueryFunctionException("Duration is out of range: " + literal.amount() + literal.unit().abbreviation());
        }
    }

    /** Months for a year-to-month literal, nanoseconds for a day-to-second one. */
    static long interval(IntervalLiteral literal) {
        IntervalField from = literal.from();
        IntervalField to = literal.to().orElse(from);
        String[] parts = literal.value().trim().split("[-: ]+");
        int fields = to.ordinal() - from.ordinal() + 1;
        if (parts.length != fields) {
            throw invalid(literal);
        }
        try {
            long total = 0;
            for (int i = 0; i < fields; i++) {
                IntervalField field = IntervalField.values()[from.ordinal() + i];
                String part = parts[i];
                switch (field) {
                    case YEAR:
                        total = Math.addExact(total, Math.multiplyExact(Long.parseLong(part), 12));
                        break;
                    case MONTH:
                        total = Math.addExact(total, Long.parseLong(part));
                        break;
                    case SECOND:
                        total = Math.addExact(total, new BigDecimal(part).movePointRight(9).longValueExact());
                        break;
                    default:
                        total = Math.addExact(total, Math.multiplyExact(Long.parseLong(part), DAY_TO_SECOND_NANOS[field.ordinal()]));
                }
            }
            return literal.negative() ? -total : total;
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(literal);
        }
    }

    private static QueryFunctionException invalid(IntervalLiteral literal) {
        return new QueryFunctionException("Invalid INTERVAL " + literal.from() + " value: " + literal.value());
    }
}
