package io.tidemark.engine.query.expression;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Arrays, maps and rows: subscripts ({@code a[1]} 1-based, {@code m['k']}, {@code r[2]}), field
 * access ({@code r.name}), the ARRAY[...] and ROW(...) constructors and array concatenation.
 * These values are objects anyway, so they are built row by row.
 */
final class Structures {

    private Structures() {
    }

    /** {@code array[index]}: Trino's errors for a zero, negative or too large index. */
    static VectorExpression arraySubscript(SqlType type, VectorExpression array, VectorExpression index) {
        return rowWise(type, List.of(array, index), values -> {
            List<?> elements = (List<?>) values[0];
            long position = (Long) values[1];
            if (position == 0) {
                throw new QueryFunctionException("SQL array indices start at 1");
            }
            if (position < 0) {
                throw new QueryFunctionException("Array subscript is negative: " + position);
            }
            if (position > elements.size()) {
                throw new QueryFunctionException("Array subscript must be less than or equal to array length: " + position + " > " + elements.size());
            }
            return elements.get((int) position - 1);
        });
    }

    /** {@code map[key]}: a missing key is an error, as in Trino. */
    static VectorExpression mapSubscript(MapType mapType, VectorExpression map, VectorExpression key) {
        return rowWise(mapType.valueType(), List.of(map, key), values -> {
            Map<?, ?> entries = (Map<?, ?>) values[0];
            if (!entries.containsKey(values[1])) {
                throw new QueryFunctionException("Key not present in map: " + ValueFormat.render(mapType.keyType(), values[1]));
            }
            return entries.get(values[1]);
        });
    }

    /** A row's field by position (0-based here): {@code r[1]} or {@code r.name}. */
    static VectorExpression rowField(SqlType type, VectorExpression row, int field) {
        return rowWise(type, List.of(row), values -> ((List<?>) values[0]).get(field));
    }

    /** ARRAY[a, b, ...]: null elements are kept (only the whole array is never null). */
    static VectorExpression arrayOf(ArrayType type, List<VectorExpression> elements) {
        return collect(type, elements);
    }

    /** ROW(a, b, ...). */
    static VectorExpression rowOf(SqlType type, List<VectorExpression> fields) {
        return collect(type, fields);
    }

    private static VectorExpression collect(SqlType type, List<VectorExpression> parts) {
        return new Evaluator(type, (batch, context) -> {
            Vector[] columns = new Vector[parts.size()];
            for (int p = 0; p < columns.length; p++) {
                columns[p] = parts.get(p).evaluate(batch, context);
            }
            Object[] out = new Object[batch.rowCount()];
            for (int i = 0; i < out.length; i++) {
                List<Object> values = new ArrayList<>(columns.length);
                for (Vector column : columns) {
                    values.add(column.get(i));
                }
                out[i] = Collections.unmodifiableList(values);
            }
            return Vector.ofObjects(type, out, out.length);
        });
    }

    /** {@code a || b} for arrays: array || array, array || element, element || array. A null operand gives null. */
    static VectorExpression concatArrays(ArrayType type, VectorExpression left, VectorExpression right) {
        boolean leftIsArray = left.type() instanceof ArrayType;
        boolean rightIsArray = right.type() instanceof ArrayType;
        return rowWise(type, List.of(left, right), values -> {
            List<Object> result = new ArrayList<>();
            appendPart(result, values[0], leftIsArray);
            appendPart(result, values[1], rightIsArray);
            return Collections.unmodifiableList(result);
        });
    }

    private static void appendPart(List<Object> result, Object part, boolean isArray) {
        if (isArray) {
            result.addAll((List<?>) part);
        } else {
            result.add(part);
        }
    }

    /** {@code a || b} for varchar. */
    static VectorExpression concatStrings(SqlType type, VectorExpression left, VectorExpression right) {
        return rowWise(type, List.of(left, right), values -> (String) values[0] + values[1]);
    }

    /** A function of the row's boxed operands, null when any operand is null. */
    static VectorExpression rowWise(SqlType type, List<VectorExpression> operands, java.util.function.Function<Object[], Object> f) {
        return new Evaluator(type, (batch, context) -> {
            Vector[] columns = new Vector[operands.size()];
            for (int p = 0; p < columns.length; p++) {
                columns[p] = operands.get(p).evaluate(batch, context);
            }
            VectorBuilder out = new VectorBuilder(type, batch.rowCount());
            Object[] row = new Object[columns.length];
            for (int i = 0; i < batch.rowCount(); i++) {
                boolean anyNull = false;
                for (int p = 0; p < columns.length; p++) {
                    row[p] = columns[p].get(i);
                    anyNull |= row[p] == null;
                }
                out.append(anyNull ? null : f.apply(row));
            }
            return out.build();
        });
    }
}
