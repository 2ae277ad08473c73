package io.tidemark.sql.type;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Trino's implicit coercions as Timestream applies them: {@code unknown} to anything,
 * {@code integer → bigint → double}, {@code date → timestamp}, and element-wise through
 * {@code array}, {@code map}, {@code row} (same arity) and {@code timeseries}. Nothing else is
 * coerced implicitly: {@code varchar} never becomes a number or a timestamp without a CAST.
 */
public final class TypeCoercion {

    private TypeCoercion() {
    }

    /** True if a value of type {@code from} may be used where {@code to} is expected, without a CAST. */
    public static boolean canCoerce(SqlType from, SqlType to) {
        if (from.equals(to) || from == PrimitiveType.UNKNOWN) {
            return true;
        }
        if (from instanceof PrimitiveType f && to instanceof PrimitiveType t) {
            return switch (f) {
                case INTEGER -> t == PrimitiveType.BIGINT || t == PrimitiveType.DOUBLE;
                case BIGINT -> t == PrimitiveType.DOUBLE;
                case DATE -> t == PrimitiveType.TIMESTAMP;
                default -> false;
            };
        }
        if (from instanceof ArrayType f && to instanceof ArrayType t) {
            return canCoerce(f.elementType(), t.elementType());
        }
        if (from instanceof TimeSeriesType f && to instanceof TimeSeriesType t) {
            return canCoerce(f.valueType(), t.valueType());
        }
        if (from instanceof MapType f && to instanceof MapType t) {
            return canCoerce(f.keyType(), t.keyType()) && canCoerce(f.valueType(), t.valueType());
        }
        if (from instanceof RowType f && to instanceof RowType t && f.fields().size() == t.fields().size()) {
            for (int i = 0; i < f.fields().size(); i++) {
                if (!canCoerce(f.fields().get(i).type(), t.fields().get(i).type())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The narrowest type both coerce to, if any: {@code (integer, double) → double}, {@code (unknown, varchar) → varchar}. */
    public static Optional<SqlType> commonSuperType(SqlType a, SqlType b) {
        if (canCoerce(a, b)) {
            return Optional.of(b);
        }
        if (canCoerce(b, a)) {
            return Optional.of(a);
        }
        if (a instanceof PrimitiveType pa && b instanceof PrimitiveType pb) {
            return pa.isNumeric() && pb.isNumeric() ? Optional.of(PrimitiveType.DOUBLE) : Optional.empty();
        }
        if (a instanceof ArrayType x && b instanceof ArrayType y) {
            return commonSuperType(x.elementType(), y.elementType()).map(ArrayType::new);
        }
        if (a instanceof TimeSeriesType x && b instanceof TimeSeriesType y) {
            return commonSuperType(x.valueType(), y.valueType()).map(TimeSeriesType::new);
        }
        if (a instanceof MapType x && b instanceof MapType y) {
            Optional<SqlType> key = commonSuperType(x.keyType(), y.keyType());
            Optional<SqlType> value = commonSuperType(x.valueType(), y.valueType());
            return key.isPresent() && value.isPresent() ? Optional.of(new MapType(key.get(), value.get())) : Optional.empty();
        }
        if (a instanceof RowType x && b instanceof RowType y && x.fields().size() == y.fields().size()) {
            List<RowType.Field> fields = new ArrayList<>();
            for (int i = 0; i < x.fields().size(); i++) {
                RowType.Field fx = x.fields().get(i);
                RowType.Field fy = y.fields().get(i);
                Optional<SqlType> common = commonSuperType(fx.type(), fy.type());
                if (common.isEmpty()) {
                    return Optional.empty();
                }
                fields.add(new RowType.Field(fx.name().equals(fy.name()) ? fx.name() : Optional.empty(), common.get()));
            }
            return Optional.of(new RowType(fields));
        }
        return Optional.empty();
    }

    /** The common super type of all {@code types}; empty if two of them have none. An empty list gives {@code unknown}. */
    public static Optional<SqlType> commonSuperType(List<SqlType> types) {
        SqlType result = PrimitiveType.UNKNOWN;
        for (SqlType type : types) {
            Optional<SqlType> common = commonSuperType(result, type);
            if (common.isEmpty()) {
                return Optional.empty();
            }
            result = common.get();
        }
        return Optional.of(result);
    }

    /**
     * True if an explicit {@code CAST(from AS to)} is allowed: every implicit coercion, any
     * conversion among boolean, numbers and varchar, varchar to and from the date/time types,
     * timestamp/date/time among themselves, intervals to varchar, and element-wise through arrays,
     * maps and same-arity rows. A timeseries casts only to itself.
     */
    public static boolean canCast(SqlType from, SqlType to) {
        if (canCoerce(from, to)) {
            return true;
        }
        if (from instanceof PrimitiveType f && to instanceof PrimitiveType t) {
            if (isScalarValue(f) && isScalarValue(t)) {
                return true;
            }
            if (isDateTime(f) && isDateTime(t)) {
                return !(f == PrimitiveType.TIME && t == PrimitiveType.DATE) && !(f == PrimitiveType.DATE && t == PrimitiveType.TIME);
            }
            return (f == PrimitiveType.VARCHAR && isDateTime(t)) || (isDateTime(f) && t == PrimitiveType.VARCHAR)
                    || (f.isInterval() && t == PrimitiveType.VARCHAR);
        }
        if (from instanceof ArrayType f && to instanceof ArrayType t) {
            return canCast(f.elementType(), t.elementType());
        }
        if (from instanceof MapType f && to instanceof MapType t) {
            return canCast(f.keyType(), t.keyType()) && canCast(f.valueType(), t.valueType());
        }
        if (from instanceof RowType f && to instanceof RowType t && f.fields().size() == t.fields().size()) {
            for (int i = 0; i < f.fields().size(); i++) {
                if (!canCast(f.fields().get(i).type(), t.fields().get(i).type())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isScalarValue(PrimitiveType type) {
        return type == PrimitiveType.BOOLEAN || type.isNumeric() || type == PrimitiveType.VARCHAR;
    }

    private static boolean isDateTime(PrimitiveType type) {
        return type == PrimitiveType.TIMESTAMP || type == PrimitiveType.DATE || type == PrimitiveType.TIME;
    }
}
