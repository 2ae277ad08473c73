package io.tidemark.engine.query.differential;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A query result as plain values, the same shape whichever engine produced it: column names and
 * rows of boxed values normalized so the engines' representations meet — every integral number is
 * a {@link Long}, every fractional one a {@link Double}, a timestamp is a {@link Long} of epoch
 * nanoseconds, an array or row a {@link List}.
 */
public record SqlRows(List<String> columns, List<List<Object>> rows) {

    public SqlRows {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    /** The one value of a one-row, one-column result. */
    public Object single() {
        if (rows.size() != 1 || columns.size() != 1) {
            throw new AssertionError("expected one row of one column, got " + this);
        }
        return rows.get(0).get(0);
    }

    /** Column {@code column} of every row, in order. */
    public List<Object> column(int column) {
        List<Object> values = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            values.add(row.get(column));
        }
        return values;
    }

    /** A row of already normalized values (nulls allowed). */
    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Brings a boxed value of either engine to the common representation (see the class comment). */
    public static Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                out.add(normalize(element));
            }
            return out;
        }
        return value;
    }

    @Override
    public String toString() {
        return columns + " " + rows.size() + " rows:\n" + rows.stream().limit(20).map(Object::toString)
                .collect(Collectors.joining("\n")) + (rows.size() > 20 ? "\n..." : "");
    }
}
