package io.tidemark.sql.analyzer;

import io.tidemark.sql.ast.ArithmeticBinary;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TypeCoercion;
import java.util.Optional;

/**
 * Result types of the arithmetic operators (TIMESTREAM.md §4.4): numbers widen to their common
 * type; {@code timestamp ± interval → timestamp}, {@code date ± interval → date},
 * {@code time ± interval day to second → time}, {@code interval ± interval} of one kind,
 * {@code interval × number}, {@code interval / number}. Subtracting two timestamps or dates is not
 * allowed (Timestream: use {@code date_diff}).
 */
final class OperatorTypes {

    private OperatorTypes() {
    }

    static Optional<SqlType> arithmetic(ArithmeticBinary.Operator operator, SqlType left, SqlType right) {
        if (!(left instanceof PrimitiveType l) || !(right instanceof PrimitiveType r)) {
            return Optional.empty();
        }
        if (l == PrimitiveType.UNKNOWN && r == PrimitiveType.UNKNOWN) {
            return Optional.of(PrimitiveType.UNKNOWN);
        }
        PrimitiveType a = l == PrimitiveType.UNKNOWN ? (r.isNumeric() ? r : PrimitiveType.UNKNOWN) : l;
        PrimitiveType b = r == PrimitiveType.UNKNOWN ? (l.isNumeric() ? l : PrimitiveType.UNKNOWN) : r;
        if (a.isNumeric() && b.isNumeric()) {
            return TypeCoercion.commonSuperType(a, b);
        }
        switch (operator) {
            case ADD:
                return dateTimePlusInterval(a, b).or(() -> dateTimePlusInterval(b, a)).or(() -> sameInterval(a, b));
            case SUBTRACT:
                return dateTimePlusInterval(a, b).or(() -> sameInterval(a, b));
            case MULTIPLY:
                return intervalTimesNumber(a, b).or(() -> intervalTimesNumber(b, a));
            case DIVIDE:
                return intervalTimesNumber(a, b);
            default:
                return Optional.empty();
        }
    }

    private static Optional<SqlType> dateTimePlusInterval(PrimitiveType value, PrimitiveType interval) {
        boolean known = interval.isInterval() || interval == PrimitiveType.UNKNOWN;
        if (!known) {
            return Optional.empty();
        }
        if (value == PrimitiveType.TIMESTAMP || value == PrimitiveType.DATE) {
            return Optional.of(value);
        }
        if (value == PrimitiveType.TIME && interval != PrimitiveType.INTERVAL_YEAR_TO_MONTH) {
            return Optional.of(value);
        }
        return Optional.empty();
    }

    private static Optional<SqlType> sameInterval(PrimitiveType a, PrimitiveType b) {
        if (a.isInterval() && (a == b || b == PrimitiveType.UNKNOWN)) {
            return Optional.of(a);
        }
        return b.isInterval() && a == PrimitiveType.UNKNOWN ? Optional.of(b) : Optional.empty();
    }

    private static Optional<SqlType> intervalTimesNumber(PrimitiveType interval, PrimitiveType number) {
        return interval.isInterval() && (number.isNumeric() || number == PrimitiveType.UNKNOWN) ? Optional.of(interval) : Optional.empty();
    }

    /** The type of {@code -x}: numbers and intervals negate. */
    static Optional<SqlType> negate(SqlType type) {
        return type instanceof PrimitiveType p && (p.isNumeric() || p.isInterval() || p == PrimitiveType.UNKNOWN)
                ? Optional.of(type) : Optional.empty();
    }
}
