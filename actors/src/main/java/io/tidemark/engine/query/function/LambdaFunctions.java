package io.tidemark.engine.query.function;

import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Functions taking a lambda: {@code filter}, {@code transform} and {@code reduce} over arrays and
 * timeseries (a timeseries' element is its point, {@code row(time, value)}), {@code any_match},
 * {@code all_match}, {@code none_match} and {@code map_filter}. Each gathers the elements of every
 * row of the batch into parameter vectors and evaluates the lambda over all of them at once
 * through {@link LambdaInvoker}; {@code reduce} makes one call per element position (the i-th
 * step of every row together). A null collection gives null; a null predicate result counts as
 * false for {@code filter} and as unknown for the matches, as in Trino.
 */
public final class LambdaFunctions implements FunctionGroup {

    @Override
    public void register(ScalarFunctionRegistry.Builder registry) {
        registry.add("filter", signature -> lambdaOver(signature, 2) == null ? null
                : (arguments, rowCount, context) -> filter(signature, arguments, rowCount, context));
        registry.add("transform", signature -> lambdaOver(signature, 2) == null ? null
                : (arguments, rowCount, context) -> transform(signature, arguments, rowCount, context));
        registry.add("reduce", signature -> lambdaOver(signature, 4) == null ? null
                : (arguments, rowCount, context) -> reduce(signature, arguments, rowCount, context));
        registry.add("any_match", signature -> match(signature, true, false));
        registry.add("all_match", signature -> match(signature, false, true));
        registry.add("none_match", signature -> match(signature, true, true));
        registry.add("map_filter", signature -> ArgumentTypes.count(signature, 2) && signature.argumentTypes().get(0) instanceof MapType
                && signature.argumentTypes().get(1) instanceof FunctionType ? LambdaFunctions::mapFilter : null);
    }

    /** The elements of every row taking part (collection and lambda not null), laid end to end. */
    private record Gathered(int[] rows, int[] offsets, int count, List<?>[] lists) {

        static Gathered of(Vector collections, Vector lambdas, int rowCount) {
            int[] rows = new int[rowCount];
            int[] offsets = new int[rowCount + 1];
            List<?>[] lists = new List<?>[rowCount];
            int count = 0;
            for (int row = 0; row < rowCount; row++) {
                if (!collections.isNull(row) && !lambdas.isNull(row)) {
                    List<?> list = (List<?>) collections.getObject(row);
                    rows[count] = row;
                    lists[count] = list;
                    offsets[count + 1] = offsets[count] + list.size();
                    count++;
                }
            }
            return new Gathered(rows, offsets, count, lists);
        }

        Vector elements(SqlType type) {
            VectorBuilder builder = new VectorBuilder(type, offsets[count]);
            for (int i = 0; i < count; i++) {
                for (Object element : lists[i]) {
                    builder.append(element);
                }
            }
            return builder.build();
        }
    }

    private static Vector filter(BoundSignature signature, Vector[] arguments, int rowCount, EvalContext context) {
        Gathered gathered = Gathered.of(arguments[0], arguments[1], rowCount);
        Vector keep = LambdaInvoker.invoke(arguments[1], gathered.rows, gathered.offsets, gathered.count,
                new Vector[] {gathered.elements(elementType(signature.argumentTypes().get(0)))}, BOOLEAN, context);
        Object[] out = new Object[rowCount];
        for (int i = 0; i < gathered.count; i++) {
            List<Object> kept = new ArrayList<>();
            int base = gathered.offsets[i];
            for (int j = base; j < gathered.offsets[i + 1]; j++) {
                if (!keep.isNull(j) && keep.getBoolean(j)) {
                    kept.add(gathered.lists[i].get(j - base));
                }
            }
            out[gathered.rows[i]] = kept;
        }
        return Vector.ofObjects(signature.returnType(), out, rowCount);
    }

    private static Vector transform(BoundSignature signature, Vector[] arguments, int rowCount, EvalContext context) {
        SqlType collection = signature.argumentTypes().get(0);
        FunctionType lambda = (FunctionType) signature.argumentTypes().get(1);
        Gathered gathered = Gathered.of(arguments[0], arguments[1], rowCount);
        Vector results = LambdaInvoker.invoke(arguments[1], gathered.rows, gathered.offsets, gathered.count,
                new Vector[] {gathered.elements(elementType(collection))}, lambda.returnType(), context);
        boolean series = collection instanceof TimeSeriesType;
        Object[] out = new Object[rowCount];
        for (int i = 0; i < gathered.count; i++) {
            int base = gathered.offsets[i];
            List<Object> mapped = new ArrayList<>(gathered.offsets[i + 1] - base);
            for (int j = base; j < gathered.offsets[i + 1]; j++) {
                Object result = results.get(j);
                mapped.add(series ? Arrays.asList(((List<?>) gathered.lists[i].get(j - base)).get(0), result) : result);
            }
            out[gathered.rows[i]] = mapped;
        }
        return Vector.ofObjects(signature.returnType(), out, rowCount);
    }

    /**
     * {@code reduce(c, initial, (s, x) -> s', s -> r)}: step k feeds the k-th element of every row
     * that has one to a single call, then the output function runs once over all final states.
     */
    private static Vector reduce(BoundSignature signature, Vector[] arguments, int rowCount, EvalContext context) {
        FunctionType input = (FunctionType) signature.argumentTypes().get(2);
        SqlType stateType = input.parameterTypes().get(0);
        SqlType elementType = input.parameterTypes().get(1);
        Gathered gathered = Gathered.of(arguments[0], arguments[2], rowCount);
        Object[] states = new Object[gathered.count];
        int longest = 0;
        for (int i = 0; i < gathered.count; i++) {
            states[i] = arguments[1].get(gathered.rows[i]);
            longest = Math.max(longest, gathered.lists[i].size());
        }
        int[] identity = new int[gathered.count + 1];
        Arrays.setAll(identity, i -> i);
        int[] active = new int[gathered.count];
        int[] activeRows = new int[gathered.count];
        for (int step = 0; step < longest; step++) {
            int activeCount = 0;
            VectorBuilder stateParameter = new VectorBuilder(stateType, gathered.count);
            VectorBuilder elementParameter = new VectorBuilder(elementType, gathered.count);
            for (int i = 0; i < gathered.count; i++) {
                if (gathered.lists[i].size() > step) {
                    active[activeCount] = i;
                    activeRows[activeCount++] = gathered.rows[i];
                    stateParameter.append(states[i]);
                    elementParameter.append(gathered.lists[i].get(step));
                }
            }
            Vector next = LambdaInvoker.invoke(arguments[2], activeRows, identity, activeCount,
                    new Vector[] {stateParameter.build(), elementParameter.build()}, stateType, context);
            for (int j = 0; j < activeCount; j++) {
                states[active[j]] = next.get(j);
            }
        }
        VectorBuilder finalStates = new VectorBuilder(stateType, gathered.count);
        for (Object state : states) {
            finalStates.append(state);
        }
        Vector results = LambdaInvoker.invoke(arguments[3], gathered.rows, identity, gathered.count,
                new Vector[] {finalStates.build()}, signature.returnType(), context);
        VectorBuilder out = new VectorBuilder(signature.returnType(), rowCount);
        int next = 0;
        for (int row = 0; row < rowCount; row++) {
            if (next < gathered.count && gathered.rows[next] == row) {
                out.append(results, next++);
            } else {
                out.appendNull();
            }
        }
        return out.build();
    }

    /**
     * any_match ({@code decidingValue} true, result when decided true), all_match (false decides,
     * result false) and none_match (true decides, result false); with no deciding element the
     * result is unknown if a predicate was null, else the opposite of the decided result.
     */
    private static ScalarFunction match(BoundSignature signature, boolean decidingValue, boolean undecidedResult) {
        if (lambdaOver(signature, 2) == null || !(signature.argumentTypes().get(0) instanceof ArrayType)) {
            return null;
        }
        return (arguments, rowCount, context) -> {
            Gathered gathered = Gathered.of(arguments[0], arguments[1], rowCount);
            Vector verdicts = LambdaInvoker.invoke(arguments[1], gathered.rows, gathered.offsets, gathered.count,
                    new Vector[] {gathered.elements(elementType(signature.argumentTypes().get(0)))}, BOOLEAN, context);
            boolean[] out = new boolean[rowCount];
            boolean[] nulls = new boolean[rowCount];
            Arrays.fill(nulls, true);
            for (int i = 0; i < gathered.count; i++) {
                boolean decided = false;
                boolean sawNull = false;
                for (int j = gathered.offsets[i]; j < gathered.offsets[i + 1] && !decided; j++) {
                    if (verdicts.isNull(j)) {
                        sawNull = true;
                    } else {
                        decided = verdicts.getBoolean(j) == decidingValue;
                    }
                }
                int row = gathered.rows[i];
                nulls[row] = !decided && sawNull;
                out[row] = decided ? !undecidedResult : undecidedResult;
            }
            return Vector.ofBooleans(BOOLEAN, out, nulls, rowCount);
        };
    }

    private static Vector mapFilter(Vector[] arguments, int rowCount, EvalContext context) {
        MapType type = (MapType) arguments[0].type();
        int[] rows = new int[rowCount];
        int[] offsets = new int[rowCount + 1];
        int count = 0;
        VectorBuilder keys = new VectorBuilder(type.keyType(), rowCount);
        VectorBuilder values = new VectorBuilder(type.valueType(), rowCount);
        for (int row = 0; row < rowCount; row++) {
            if (!arguments[0].isNull(row) && !arguments[1].isNull(row)) {
                Map<?, ?> map = (Map<?, ?>) arguments[0].getObject(row);
                map.forEach((key, value) -> {
                    keys.append(key);
                    values.append(value);
                });
                rows[count] = row;
                offsets[count + 1] = offsets[count] + map.size();
                count++;
            }
        }
        Vector keyVector = keys.build();
        Vector valueVector = values.build();
        Vector keep = LambdaInvoker.invoke(arguments[1], rows, offsets, count, new Vector[] {keyVector, valueVector}, BOOLEAN, context);
        Object[] out = new Object[rowCount];
        for (int i = 0; i < count; i++) {
            Map<Object, Object> kept = new LinkedHashMap<>();
            for (int j = offsets[i]; j < offsets[i + 1]; j++) {
                if (!keep.isNull(j) && keep.getBoolean(j)) {
                    kept.put(keyVector.get(j), valueVector.get(j));
                }
            }
            out[rows[i]] = kept;
        }
        return Vector.ofObjects(type, out, rowCount);
    }

    /** The lambda's type when the call has {@code count} arguments, an array or timeseries first and a lambda second (or third for reduce). */
    private static FunctionType lambdaOver(BoundSignature signature, int count) {
        List<SqlType> types = signature.argumentTypes();
        if (types.size() != count || !(types.get(0) instanceof ArrayType || types.get(0) instanceof TimeSeriesType)) {
            return null;
        }
        return types.get(count == 4 ? 2 : 1) instanceof FunctionType function ? function : null;
    }

    private static SqlType elementType(SqlType collection) {
        return collection instanceof ArrayType array ? array.elementType() : ((TimeSeriesType) collection).pointType();
    }
}
