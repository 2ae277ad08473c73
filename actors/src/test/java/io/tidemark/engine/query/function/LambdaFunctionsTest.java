package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionCalls.CONTEXT;
import static io.tidemark.engine.query.function.FunctionCalls.list;
import static io.tidemark.engine.query.function.FunctionCalls.vector;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.expression.LambdaValue;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.FunctionType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LambdaFunctionsTest {

    private static final ArrayType BIGINTS = new ArrayType(BIGINT);
    private static final TimeSeriesType SERIES = new TimeSeriesType(DOUBLE);

    /** A lambda evaluated row by row over boxed parameters, recording how many times it was invoked. */
    private static final class BoxedLambda implements LambdaValue {
        private final SqlType resultType;
        private final Function<Object[], Object> body;
        private final List<Integer> invocationSizes = new ArrayList<>();

        BoxedLambda(SqlType resultType, Function<Object[], Object> body) {
            this.resultType = resultType;
            this.body = body;
        }

        @Override
        public Vector invoke(Vector[] parameters, int count, EvalContext context) {
            invocationSizes.add(count);
            VectorBuilder out = new VectorBuilder(resultType, count);
            for (int i = 0; i < count; i++) {
                Object[] values = new Object[parameters.length];
                for (int p = 0; p < parameters.length; p++) {
                    values[p] = parameters[p].get(i);
                }
                out.append(body.apply(values));
            }
            return out.build();
        }
    }

    /** {@code x -> x + 1} over bigints, evaluated as a primitive loop. */
    private static final class PlusOne implements LambdaValue {
        int invocations;

        @Override
        public Vector invoke(Vector[] parameters, int count, EvalContext context) {
            invocations++;
            return FunctionSupport.mapLongs(parameters[0], BIGINT, value -> value + 1, count);
        }
    }

    private static Vector lambdas(FunctionType type, LambdaValue... perRow) {
        return Vector.ofObjects(type, perRow, perRow.length);
    }

    private static Vector apply(String name, SqlType returnType, Vector... arguments) {
        return FunctionCalls.apply(name, returnType, arguments[0].size(), arguments);
    }

    @Test
    void transformInvokesTheLambdaOnceForTheWholeBatch() {
        PlusOne plusOne = new PlusOne();
        FunctionType type = new FunctionType(List.of(BIGINT), BIGINT);
        Vector arrays = vector(BIGINTS, list(1L, 2L), null, list(), list(10L));
        Vector result = apply("transform", BIGINTS, arrays, lambdas(type, plusOne, plusOne, plusOne, plusOne));
        assertThat(result.get(0)).isEqualTo(list(2L, 3L));
        assertThat(result.isNull(1)).isTrue();
        assertThat(result.get(2)).isEqualTo(list());
        assertThat(result.get(3)).isEqualTo(list(11L));
        assertThat(plusOne.invocations).isEqualTo(1);
    }

    @Test
    void aConstantLambdaVectorAndAnEmptyBatch() {
        PlusOne plusOne = new PlusOne();
        FunctionType type = new FunctionType(List.of(BIGINT), BIGINT);
        Vector result = apply("transform", BIGINTS, vector(BIGINTS, list(1L), list(2L)), Vector.constant(type, plusOne, 2));
        assertThat(values(result)).containsExactly(list(2L), list(3L));
        Vector empty = FunctionCalls.apply("transform", BIGINTS, 0, vector(BIGINTS), Vector.constant(type, plusOne, 0));
        assertThat(empty.size()).isZero();
        assertThat(plusOne.invocations).as("no call for no elements").isEqualTo(1);
    }

    @Test
    void rowsWithTheirOwnLambdasAreInvokedPerRun() {
        FunctionType type = new FunctionType(List.of(BIGINT), BIGINT);
        BoxedLambda addTen = new BoxedLambda(BIGINT, x -> (Long) x[0] + 10);
        BoxedLambda negate = new BoxedLambda(BIGINT, x -> -(Long) x[0]);
        Vector arrays = vector(BIGINTS, list(1L), list(2L, 3L), list(4L));
        Vector result = apply("transform", BIGINTS, arrays, lambdas(type, addTen, addTen, negate));
        assertThat(result.get(0)).isEqualTo(list(11L));
        assertThat(result.get(1)).isEqualTo(list(12L, 13L));
        assertThat(result.get(2)).isEqualTo(list(-4L));
        assertThat(addTen.invocationSizes).containsExactly(3);
        assertThat(negate.invocationSizes).containsExactly(1);
    }

    @Test
    void filterDropsFalseAndNullVerdicts() {
        FunctionType type = new FunctionType(List.of(BIGINT), BOOLEAN);
        BoxedLambda positive = new BoxedLambda(BOOLEAN, x -> x[0] == null ? null : (Long) x[0] > 0);
        Vector result = apply("filter", BIGINTS, vector(BIGINTS, list(-1L, 2L, null, 3L), list()), lambdas(type, positive, positive));
        assertThat(result.get(0)).isEqualTo(list(2L, 3L));
        assertThat(result.get(1)).isEqualTo(list());
    }

    @Test
    void matchesFollowThreeValuedLogic() {
        FunctionType type = new FunctionType(List.of(BIGINT), BOOLEAN);
        BoxedLambda even = new BoxedLambda(BOOLEAN, x -> x[0] == null ? null : (Long) x[0] % 2 == 0);
        Vector arrays = vector(BIGINTS, list(1L, 2L), list(1L, 3L), list(2L, 4L), list(), list(1L, null), list(2L, null), null);
        Vector predicates = lambdas(type, even, even, even, even, even, even, even);
        assertThat(values(apply("any_match", BOOLEAN, arrays, predicates))).containsExactly(true, false, true, false, null, true, null);
        assertThat(values(apply("all_match", BOOLEAN, arrays, predicates))).containsExactly(false, false, true, true, false, null, null);
        assertThat(values(apply("none_match", BOOLEAN, arrays, predicates))).containsExactly(false, true, false, true, null, false, null);
    }

    @Test
    void reduceFoldsEveryRowStepByStep() {
        FunctionType input = new FunctionType(List.of(BIGINT, BIGINT), BIGINT);
        FunctionType output = new FunctionType(List.of(BIGINT), DOUBLE);
        BoxedLambda sum = new BoxedLambda(BIGINT, x -> (Long) x[0] + (x[1] == null ? 0 : (Long) x[1]));
        BoxedLambda half = new BoxedLambda(DOUBLE, x -> (Long) x[0] / 2.0);
        Vector arrays = vector(BIGINTS, list(1L, 2L, 3L), list(), list(10L, null), null);
        Vector initial = vector(BIGINT, 0L, 5L, 1L, 0L);
        Vector result = apply("reduce", DOUBLE, arrays, initial, lambdas(input, sum, sum, sum, sum), lambdas(output, half, half, half, half));
        assertThat(values(result)).containsExactly(3.0, 2.5, 5.5, null);
        assertThat(sum.invocationSizes).as("one call per element position").containsExactly(2, 2, 1);
        assertThat(half.invocationSizes).containsExactly(3);
    }

    @Test
    void lambdasOverTimeseriesSeeRowsOfTimeAndValue() {
        FunctionType predicate = new FunctionType(List.of(SERIES.pointType()), BOOLEAN);
        FunctionType doubling = new FunctionType(List.of(SERIES.pointType()), DOUBLE);
        List<Object> series = list(list(1L, 1.0), list(2L, 5.0), list(3L, 2.0));
        BoxedLambda above = new BoxedLambda(BOOLEAN, x -> (Double) ((List<?>) x[0]).get(1) > 1.5);
        BoxedLambda twice = new BoxedLambda(DOUBLE, x -> (Double) ((List<?>) x[0]).get(1) * 2);
        assertThat(apply("filter", SERIES, vector(SERIES, series), lambdas(predicate, above)).get(0)).isEqualTo(list(list(2L, 5.0), list(3L, 2.0)));
        assertThat(apply("transform", SERIES, vector(SERIES, series), lambdas(doubling, twice)).get(0))
                .isEqualTo(list(list(1L, 2.0), list(2L, 10.0), list(3L, 4.0)));
        FunctionType input = new FunctionType(List.of(DOUBLE, SERIES.pointType()), DOUBLE);
        FunctionType output = new FunctionType(List.of(DOUBLE), DOUBLE);
        BoxedLambda latestTimesValue = new BoxedLambda(DOUBLE, x -> (Double) x[0] + (Long) ((List<?>) x[1]).get(0) * (Double) ((List<?>) x[1]).get(1));
        BoxedLambda identity = new BoxedLambda(DOUBLE, x -> x[0]);
        Vector reduced = apply("reduce", DOUBLE, vector(SERIES, series), vector(DOUBLE, 0.0), lambdas(input, latestTimesValue), lambdas(output, identity));
        assertThat(reduced.get(0)).isEqualTo(1.0 + 10.0 + 6.0);
    }

    @Test
    void mapFilterKeepsEntriesThePredicateAccepts() {
        MapType type = new MapType(VARCHAR, BIGINT);
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", 1L);
        map.put("b", 20L);
        map.put("c", null);
        FunctionType predicate = new FunctionType(List.of(VARCHAR, BIGINT), BOOLEAN);
        BoxedLambda large = new BoxedLambda(BOOLEAN, x -> x[1] == null ? null : (Long) x[1] > 10);
        Vector result = apply("map_filter", type, vector(type, map, null), lambdas(predicate, large, large));
        assertThat(result.get(0)).isEqualTo(Map.of("b", 20L));
        assertThat(result.isNull(1)).isTrue();
        assertThat(large.invocationSizes).containsExactly(3);
    }

    private static List<Object> values(Vector vector) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < vector.size(); i++) {
            values.add(vector.get(i));
        }
        return values;
    }
}
