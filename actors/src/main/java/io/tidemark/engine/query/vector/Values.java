package io.tidemark.engine.query.vector;

import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.List;
import java.util.Map;

/**
 * Equality, hashing and ordering of non-null boxed values of a SQL type (see {@link Storage}),
 * with Trino's rules: doubles compare by value with {@code -0.0 = 0.0} and NaN greatest (so
 * grouping and sorting are total), arrays and rows element by element, maps as key/value sets.
 */
public final class Values {

    private Values() {
    }

    public static boolean equal(SqlType type, Object left, Object right) {
        if (type instanceof MapType map) {
            Map<?, ?> l = (Map<?, ?>) left;
            Map<?, ?> r = (Map<?, ?>) right;
            if (l.size() != r.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : l.entrySet()) {
                if (!r.containsKey(entry.getKey())) {
                    return false;
                }
                Object other = r.get(entry.getKey());
                if (entry.getValue() == null || other == null ? entry.getValue() != other : !equal(map.valueType(), entry.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return compare(type, left, right) == 0;
    }

    public static int hash(SqlType type, Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Double d) {
            return hashDouble(d);
        }
        if (value instanceof List<?> list) {
            List<SqlType> types = elementTypes(type, list.size());
            int hash = 1;
            for (int i = 0; i < list.size(); i++) {
                hash = 31 * hash + hash(types.get(i), list.get(i));
            }
            return hash;
        }
        if (value instanceof Map<?, ?> map) {
            MapType mapType = (MapType) type;
            int hash = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                hash += hash(mapType.keyType(), entry.getKey()) ^ hash(mapType.valueType(), entry.getValue());
            }
            return hash;
        }
        return value.hashCode();
    }

    /** The hash of a double value consistent with {@link #compare}: {@code -0.0} and {@code 0.0} agree, as do all NaNs. */
    public static int hashDouble(double value) {
        return Double.hashCode(value == 0.0 ? 0.0 : value);
    }

    /** Orders two non-null values of {@code type}; nulls inside arrays and rows sort last. */
    @SuppressWarnings("unchecked")
    public static int compare(SqlType type, Object left, Object right) {
        if (left instanceof Double l) {
            return compareDoubles(l, (Double) right);
        }
        if (left instanceof List<?> l) {
            List<?> r = (List<?>) right;
            int n = Math.min(l.size(), r.size());
            List<SqlType> leftTypes = elementTypes(type, l.size());
            for (int i = 0; i < n; i++) {
                Object a = l.get(i);
                Object b = r.get(i);
                int c;
                if (a == null || b == null) {
                    c = a == null ? (b == null ? 0 : 1) : -1;
                } else {
                    c = compare(leftTypes.get(i), a, b);
                }
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(l.size(), r.size());
        }
        if (left instanceof Map<?, ?>) {
            throw new IllegalArgumentException("cannot order values of type " + type.displayName());
        }
        return ((Comparable<Object>) left).compareTo(right);
    }

    public static int compareDoubles(double left, double right) {
        if (left == right) {
            return 0;
        }
        return Double.compare(left, right);
    }

    private static List<SqlType> elementTypes(SqlType type, int size) {
        if (type instanceof RowType row) {
            return row.fields().stream().map(RowType.Field::type).toList();
        }
        SqlType element;
        if (type instanceof ArrayType array) {
            element = array.elementType();
        } else if (type instanceof TimeSeriesType series) {
            element = series.pointType();
        } else {
            throw new IllegalArgumentException("cannot compare list values of type " + type.displayName());
        }
        return java.util.Collections.nCopies(size, element);
    }
}
