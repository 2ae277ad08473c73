package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CAST, TRY_CAST and the implicit coercions, following Trino: numbers convert with range checks
 * (a double rounds half away from zero to an integer), varchar parses with surrounding spaces
 * ignored ({@code CAST(' 12 ' AS bigint)} is 12; doubles parse as Java and Trino read them), booleans read {@code true/false/t/f/1/0} in any
 * case, date/time text uses {@link ValueFormat}, and arrays, maps, rows and timeseries convert
 * element by element. A failing value is an error ({@code Cannot cast 'abc' to BIGINT}), or null
 * under TRY_CAST. Numeric and date/time conversions run as primitive loops.
 */
final class Casts {

    private Casts() {
    }

    /** {@code input} converted to {@code target}; the input itself when the types agree, folded when it is a constant. */
    static VectorExpression cast(VectorExpression input, SqlType target, boolean safe) {
        if (input.type().equals(target)) {
            return input;
        }
        boolean needsQueryDate = input.type() == PrimitiveType.TIME && target == PrimitiveType.TIMESTAMP;
        if (input instanceof ConstantExpression constant && !needsQueryDate) {
            try {
                return new ConstantExpression(target, castValue(constant.value(), input.type(), target, null));
            } catch (QueryFunctionException e) {
                if (safe) {
                    return new ConstantExpression(target, null);
                }
                // not folded: the error is raised only if a row evaluates it (e.g. in a CASE branch no row takes)
            }
        }
        return new Evaluator(target, (batch, context) -> castVector(input.evaluate(batch, context), target, safe, context));
    }

    static Vector castVector(Vector input, SqlType target, boolean safe, EvalContext context) {
        SqlType source = input.type();
        int rows = input.size();
        if (source.equals(target)) {
            return input;
        }
        if (source == PrimitiveType.UNKNOWN) {
            return Vector.nulls(target, rows);
        }
        if (source == PrimitiveType.INTEGER && target == PrimitiveType.BIGINT) {
            return input.withType(target);
        }
        if (source instanceof PrimitiveType from && target instanceof PrimitiveType to) {
            Storage in = Storage.of(from);
            Storage out = Storage.of(to);
            if (in == Storage.LONG && out == Storage.DOUBLE) {
                long[] values = input.longs();
                double[] result = new double[rows];
                for (int i = 0; i < rows; i++) {
                    result[i] = values[i];
                }
                return Vector.ofDoubles(to, result, NullMasks.of(input), rows);
            }
            if ((in == Storage.LONG || in == Storage.DOUBLE) && out == Storage.LONG && to != PrimitiveType.TIME
                    && (from.isNumeric() || from == PrimitiveType.DATE || from == PrimitiveType.TIMESTAMP)) {
                return primitiveToLong(input, from, to, safe);
            }
        }
        VectorBuilder builder = new VectorBuilder(target, rows);
        for (int i = 0; i < rows; i++) {
            Object value = input.get(i);
            if (value == null) {
                builder.appendNull();
                continue;
            }
            try {
                builder.append(castValue(value, source, target, context));
            } catch (QueryFunctionException e) {
                if (!safe) {
                    throw e;
                }
                builder.appendNull();
            }
        }
        return builder.build();
    }

    /** Number, date or timestamp to bigint, integer, date or timestamp, row by row over the primitive arrays. */
    private static Vector primitiveToLong(Vector input, PrimitiveType from, PrimitiveType to, boolean safe) {
        int rows = input.size();
        long[] result = new long[rows];
        boolean[] nulls = NullMasks.copyOf(input, rows);
        boolean fromDouble = from == PrimitiveType.DOUBLE;
        for (int i = 0; i < rows; i++) {
            if (NullMasks.isNull(nulls, i)) {
                continue;
            }
            try {
                if (fromDouble) {
                    long rounded = roundToLong(input.getDouble(i), to.displayName());
                    result[i] = to == PrimitiveType.INTEGER ? toInteger(rounded) : rounded;
                } else {
                    result[i] = convertLong(input.getLong(i), from, to);
                }
            } catch (QueryFunctionException e) {
                if (!safe) {
                    throw e;
                }
                if (nulls == null) {
                    nulls = new boolean[rows];
                }
                nulls[i] = true;
            }
        }
        return Vector.ofLongs(to, result, nulls, rows);
    }

    private static long convertLong(long value, PrimitiveType from, PrimitiveType to) {
        if (from == to) {
            return value;
        }
        if (from == PrimitiveType.DATE && to == PrimitiveType.TIMESTAMP) {
            return value * TemporalMath.NANOS_PER_DAY;
        }
        if (from == PrimitiveType.TIMESTAMP && to == PrimitiveType.DATE) {
            return Math.floorDiv(value, TemporalMath.NANOS_PER_DAY);
        }
        if (to == PrimitiveType.INTEGER) {
            return toInteger(value);
        }
        return value;
    }

    private static long toInteger(long value) {
        if (value != (int) value) {
            throw new QueryFunctionException("Out of range for integer: " + value);
        }
        return value;
    }

    /** Converts one non-null boxed value. {@code context} may be null when folding a constant at compile time. */
    static Object castValue(Object value, SqlType from, SqlType to, EvalContext context) {
        if (value == null || from.equals(to)) {
            return value;
        }
        if (from instanceof PrimitiveType f && to instanceof PrimitiveType t) {
            return castPrimitive(value, f, t, context);
        }
        if (from instanceof ArrayType f && to instanceof ArrayType t) {
            return castList((List<?>) value, f.elementType(), t.elementType(), context);
        }
        if (from instanceof TimeSeriesType f && to instanceof TimeSeriesType t) {
            return castList((List<?>) value, f.pointType(), t.pointType(), context);
        }
        if (from instanceof MapType f && to instanceof MapType t) {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                result.put(castValue(entry.getKey(), f.keyType(), t.keyType(), context),
                        castValue(entry.getValue(), f.valueType(), t.valueType(), context));
            }
            return result;
        }
        if (from instanceof RowType f && to instanceof RowType t && f.fields().size() == t.fields().size()) {
            List<?> fields = (List<?>) value;
            List<Object> result = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                result.add(castValue(fields.get(i), f.fields().get(i).type(), t.fields().get(i).type(), context));
            }
            return result;
        }
        throw new QueryFunctionException("Cannot cast " + from.displayName() + " to " + to.displayName());
    }

    private static List<Object> castList(List<?> values, SqlType from, SqlType to, EvalContext context) {
        List<Object> result = new ArrayList<>(values.size());
        for (Object element : values) {
            result.add(castValue(element, from, to, context));
        }
        return result;
    }

    private static Object castPrimitive(Object value, PrimitiveType from, PrimitiveType to, EvalContext context) {
        if (from == PrimitiveType.UNKNOWN) {
            return null;
        }
        switch (to) {
            case VARCHAR:
                return ValueFormat.render(from, value);
            case BOOLEAN:
                return toBoolean(value, from);
            case INTEGER:
                return toInteger(toBigint(value, from, "integer"));
            case BIGINT:
                return toBigint(value, from, "bigint");
            case DOUBLE:
                return toDouble(value, from);
            case TIMESTAMP:
                if (from == PrimitiveType.VARCHAR) {
                    return ValueFormat.parseTimestamp((String) value);
                }
                if (from == PrimitiveType.TIME) {
                    long today = Math.floorDiv(context.queryStartNanos(), TemporalMath.NANOS_PER_DAY);
                    return today * TemporalMath.NANOS_PER_DAY + (Long) value;
                }
                return convertLong((Long) value, from, to);
            case DATE:
                return from == PrimitiveType.VARCHAR ? ValueFormat.parseDate((String) value) : convertLong((Long) value, from, to);
            case TIME:
                return from == PrimitiveType.VARCHAR ? ValueFormat.parseTime((String) value)
                        : Math.floorMod((Long) value, TemporalMath.NANOS_PER_DAY);
            default:
                throw new QueryFunctionException("Cannot cast " + from.displayName() + " to " + to.displayName());
        }
    }

    private static boolean toBoolean(Object value, PrimitiveType from) {
        switch (from) {
            case INTEGER:
            case BIGINT:
                return (Long) value != 0;
            case DOUBLE:
                return (Double) value != 0;
            case VARCHAR: {
                String text = ((String) value).trim().toLowerCase(Locale.ROOT);
                if (text.equals("true") || text.equals("t") || text.equals("1")) {
                    return true;
                }
                if (text.equals("false") || text.equals("f") || text.equals("0")) {
                    return false;
                }
                throw cannotCast(value, "BOOLEAN");
            }
            default:
                return (Boolean) value;
        }
    }

    private static long toBigint(Object value, PrimitiveType from, String target) {
        switch (from) {
            case BOOLEAN:
                return (Boolean) value ? 1 : 0;
            case DOUBLE:
                return roundToLong((Double) value, target);
            case VARCHAR:
                try {
                    return Long.parseLong(((String) value).trim());
                } catch (NumberFormatException e) {
                    throw cannotCast(value, target.toUpperCase(Locale.ROOT));
                }
            default:
                return (Long) value;
        }
    }

    /** Rounds half away from zero, as Trino's double to bigint/integer cast. */
    private static long roundToLong(double value, String target) {
        if (Double.isNaN(value) || value >= 0x1p63 || value < -0x1p63) {
            throw new QueryFunctionException("Unable to cast " + ValueFormat.renderDouble(value) + " to " + target);
        }
        double magnitude = Math.abs(value);
        double whole = Math.floor(magnitude);
        if (magnitude - whole >= 0.5) {
            whole += 1;
        }
        if (whole >= 0x1p63) {
            throw new QueryFunctionException("Unable to cast " + ValueFormat.renderDouble(value) + " to " + target);
        }
        return value < 0 ? -(long) whole : (long) whole;
    }

    private static double toDouble(Object value, PrimitiveType from) {
        switch (from) {
            case BOOLEAN:
                return (Boolean) value ? 1.0 : 0.0;
            case VARCHAR: {
                try {
                    return Double.parseDouble((String) value);
                } catch (NumberFormatException e) {
                    throw cannotCast(value, "DOUBLE");
                }
            }
            default:
                return ((Number) value).doubleValue();
        }
    }

    private static QueryFunctionException cannotCast(Object value, String target) {
        return new QueryFunctionException("Cannot cast '" + value + "' to " + target);
    }
}
