package io.tidemark.engine.query.aggregate;

import static io.tidemark.engine.query.aggregate.AggregateRun.column;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.INTERVAL_DAY_TO_SECOND;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidemark.engine.query.function.BoundSignature;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinAggregatesTest {

    /** Rows of groups in scrambled order; group 3 gets no row. */
    private static final int[] GROUPS = {2, 0, 1, 0, 2, 2, 0};
    private static final int GROUP_COUNT = 4;
    private static final Vector X = column(BIGINT, 5L, 1L, null, 3L, 7L, null, 2L);
    private static final Vector XD = column(DOUBLE, 5.0, 1.0, null, 3.0, 7.0, null, 2.0);

    private static List<Object> run(String name, SqlType returnType, boolean distinct, int[] groups, int groupCount, Vector... arguments) {
        List<SqlType> types = Arrays.stream(arguments).map(Vector::type).toList();
        AggregateFunction function = AggregateRun.bind(name, types, returnType, distinct);
        assertThat(function.returnType()).isEqualTo(returnType);
        return AggregateRun.onePass(function, groups, groupCount, arguments, groups.length);
    }

    private static List<Object> run(String name, SqlType returnType, Vector... arguments) {
        return run(name, returnType, false, GROUPS, GROUP_COUNT, arguments);
    }

    @Test
    void countsRowsNonNullValuesAndTrueValuesPerGroupWithZeroForEmptyGroups() {
        assertThat(run("count", BIGINT)).containsExactly(3L, 1L, 3L, 0L);
        assertThat(run("count", BIGINT, X)).containsExactly(3L, 0L, 2L, 0L);
        Vector flags = column(BOOLEAN, true, true, true, false, null, false, true);
        assertThat(run("count_if", BIGINT, flags)).containsExactly(2L, 1L, 1L, 0L);
    }

    @Test
    void sumAvgMinMaxSkipNullsAndAreNullForGroupsWithoutValues() {
        assertThat(run("sum", BIGINT, X)).containsExactly(6L, null, 12L, null);
        assertThat(run("sum", DOUBLE, XD)).containsExactly(6.0, null, 12.0, null);
        assertThat(run("avg", DOUBLE, X)).containsExactly(2.0, null, 6.0, null);
        assertThat(run("avg", DOUBLE, XD)).containsExactly(2.0, null, 6.0, null);
        assertThat(run("min", BIGINT, X)).containsExactly(1L, null, 5L, null);
        assertThat(run("max", DOUBLE, XD)).containsExactly(3.0, null, 7.0, null);
        Vector names = column(VARCHAR, "e", "b", null, "d", "a", null, "c");
        assertThat(run("min", VARCHAR, names)).containsExactly("b", null, "a", null);
        assertThat(run("max", VARCHAR, names)).containsExactly("d", null, "e", null);
        assertThat(run("max", TIMESTAMP, column(TIMESTAMP, 5L, 1L, null, 3L, 7L, null, 2L))).containsExactly(3L, null, 7L, null);
    }

    @Test
    void sumOfIntegerIsBigintAndIntervalsSumAndAverageExactly() {
        Vector integers = column(PrimitiveType.INTEGER, 1L, 2L, 3L);
        assertThat(run("sum", BIGINT, false, new int[3], 1, integers)).containsExactly(6L);
        Vector intervals = column(INTERVAL_DAY_TO_SECOND, 1_000_000_001L, 2_000_000_000L, 3L);
        assertThat(run("sum", INTERVAL_DAY_TO_SECOND, false, new int[3], 1, intervals)).containsExactly(3_000_000_004L);
        assertThat(run("avg", INTERVAL_DAY_TO_SECOND, false, new int[3], 1, intervals)).containsExactly(1_000_000_001L);
        assertThat(AverageAccumulator.roundedQuotient(-5, 2)).isEqualTo(-3);
        assertThat(AverageAccumulator.roundedQuotient(5, 2)).isEqualTo(3);
        assertThat(AverageAccumulator.roundedQuotient(4, 3)).isEqualTo(1);
    }

    @Test
    void bigintSumOverflowFailsLikeTrino() {
        Vector big = column(BIGINT, Long.MAX_VALUE, 1L);
        assertThatThrownBy(() -> run("sum", BIGINT, false, new int[2], 1, big))
                .isInstanceOf(QueryFunctionException.class).hasMessageStartingWith("bigint addition overflow");
    }

    @Test
    void dispersionStatisticsFollowTrinoDefinitionsAndMinimumCounts() {
        assertThat(run("variance", DOUBLE, XD)).containsExactly(1.0, null, 2.0, null);
        assertThat(run("var_samp", DOUBLE, XD)).containsExactly(1.0, null, 2.0, null);
        assertThat((Double) run("var_pop", DOUBLE, XD).get(0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(run("stddev", DOUBLE, XD)).containsExactly(1.0, null, Math.sqrt(2), null);
        assertThat(run("stddev_pop", DOUBLE, false, new int[] {0}, 2, column(DOUBLE, 4.0))).containsExactly(0.0, null);
        assertThat(run("stddev_samp", DOUBLE, false, new int[] {0}, 1, column(DOUBLE, 4.0))).containsExactly((Object) null);
        Vector skewed = column(DOUBLE, 1.0, 2.0, 3.0, 10.0);
        int[] one = new int[4];
        assertThat((Double) run("skewness", DOUBLE, false, one, 1, skewed).get(0)).isCloseTo(1.0182337649086284, within(1e-12));
        assertThat((Double) run("kurtosis", DOUBLE, false, one, 1, skewed).get(0)).isCloseTo(3.228, within(1e-12));
        assertThat(run("kurtosis", DOUBLE, false, new int[3], 1, column(DOUBLE, 1.0, 2.0, 3.0))).containsExactly((Object) null);
        assertThat(run("skewness", DOUBLE, false, new int[2], 1, column(DOUBLE, 1.0, 2.0))).containsExactly((Object) null);
        assertThat((Double) run("geometric_mean", DOUBLE, false, new int[3], 1, column(DOUBLE, 1.0, 2.0, 4.0)).get(0))
                .isCloseTo(2.0, within(1e-12));
    }

    @Test
    void twoVariableStatisticsTakeYThenXAndSkipRowsWithANull() {
        Vector y = column(DOUBLE, 3.0, 5.0, 7.0, 100.0, null);
        Vector x = column(DOUBLE, 1.0, 2.0, 3.0, null, 4.0);
        int[] groups = new int[5];
        assertThat((Double) run("regr_slope", DOUBLE, false, groups, 1, y, x).get(0)).isCloseTo(2.0, within(1e-12));
        assertThat((Double) run("regr_intercept", DOUBLE, false, groups, 1, y, x).get(0)).isCloseTo(1.0, within(1e-12));
        assertThat((Double) run("corr", DOUBLE, false, groups, 1, y, x).get(0)).isCloseTo(1.0, within(1e-12));
        assertThat((Double) run("covar_pop", DOUBLE, false, groups, 1, y, x).get(0)).isCloseTo(4.0 / 3, within(1e-12));
        assertThat((Double) run("covar_samp", DOUBLE, false, groups, 1, y, x).get(0)).isCloseTo(2.0, within(1e-12));
        Vector constant = column(DOUBLE, 1.0, 1.0, 1.0, 1.0, 1.0);
        assertThat(run("regr_slope", DOUBLE, false, groups, 1, column(DOUBLE, 1.0, 2.0, 3.0, 4.0, 5.0), constant)).containsExactly((Object) null);
    }

    @Test
    void booleanAndBitwiseFolds() {
        Vector flags = column(BOOLEAN, true, true, null, false, true, null, true);
        assertThat(run("bool_and", BOOLEAN, flags)).containsExactly(false, null, true, null);
        assertThat(run("every", BOOLEAN, flags)).containsExactly(false, null, true, null);
        assertThat(run("bool_or", BOOLEAN, flags)).containsExactly(true, null, true, null);
        Vector bits = column(BIGINT, 0b1100L, 0b1010L, null, 0b0110L, 0b0101L, null, 0b0011L);
        assertThat(run("bitwise_and_agg", BIGINT, bits)).containsExactly(0b0010L, null, 0b0100L, null);
        assertThat(run("bitwise_or_agg", BIGINT, bits)).containsExactly(0b1111L, null, 0b1101L, null);
    }

    @Test
    void selectionAggregatesPickByValueOrKey() {
        Vector names = column(VARCHAR, "e", "b", "z", "d", "a", null, "c");
        assertThat(run("max_by", VARCHAR, names, X)).containsExactly("d", null, "a", null);
        assertThat(run("min_by", VARCHAR, names, X)).containsExactly("b", null, "e", null);
        // primitive values by a LONG-stored key: ties keep the first row, a chosen null value is null
        Vector keys = column(BIGINT, 9L, 4L, 1L, 4L, 7L, null, 2L);
        Vector values = column(DOUBLE, 0.5, 1.5, 9.0, 3.5, null, 8.0, 2.5);
        assertThat(run("max_by", DOUBLE, values, keys)).containsExactly(1.5, 9.0, 0.5, null);
        assertThat(run("min_by", DOUBLE, values, keys)).containsExactly(2.5, 9.0, null, null);
        assertThat(run("max_by", BIGINT, X, keys)).containsExactly(1L, null, 5L, null);
        assertThat(run("arbitrary", BIGINT, X)).containsExactly(1L, null, 5L, null);
        assertThat(run("any_value", BIGINT, X)).containsExactly(1L, null, 5L, null);
        Vector n2 = column(BIGINT, 2L, 2L, 2L, 2L, 2L, 2L, 2L);
        assertThat(run("max", new ArrayType(BIGINT), X, n2)).containsExactly(List.of(3L, 2L), null, List.of(7L, 5L), null);
        assertThat(run("min", new ArrayType(BIGINT), X, n2)).containsExactly(List.of(1L, 2L), null, List.of(5L, 7L), null);
        assertThat(run("min_by", new ArrayType(VARCHAR), names, X, n2)).containsExactly(List.of("b", "c"), null, List.of("e", "a"), null);
        assertThat(run("max_by", new ArrayType(VARCHAR), names, X, n2)).containsExactly(List.of("d", "c"), null, List.of("a", "e"), null);
        Vector zero = column(BIGINT, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThatThrownBy(() -> run("max", new ArrayType(BIGINT), X, zero)).isInstanceOf(QueryFunctionException.class)
                .hasMessageContaining("n must be a positive integer");
    }

    @Test
    void collectingAggregatesKeepArrivalOrder() {
        assertThat(run("array_agg", new ArrayType(BIGINT), X))
                .containsExactly(List.of(1L, 3L, 2L), Arrays.asList((Object) null), Arrays.asList(5L, 7L, null), null);
        Vector words = column(VARCHAR, "a", "b", "a", "b", "a", null, "b");
        assertThat(run("histogram", new MapType(VARCHAR, BIGINT), words)).containsExactly(Map.of("b", 3L), Map.of("a", 1L), Map.of("a", 2L), null);
        Map<Object, Object> nullValue = new java.util.HashMap<>();
        nullValue.put("a", null);
        assertThat(run("map_agg", new MapType(VARCHAR, BIGINT), words, X)).containsExactly(Map.of("b", 1L), nullValue, Map.of("a", 5L), null);
        assertThat(run("multimap_agg", new MapType(VARCHAR, new ArrayType(BIGINT)), words, X))
                .containsExactly(Map.of("b", List.of(1L, 3L, 2L)), Map.of("a", Arrays.asList((Object) null)), Map.of("a", List.of(5L, 7L)), null);
        MapType mapType = new MapType(VARCHAR, BIGINT);
        Vector maps = column(mapType, Map.of("a", 1L), Map.of("a", 2L, "b", 3L), null);
        assertThat(run("map_union", mapType, false, new int[3], 1, maps)).containsExactly(Map.of("a", 1L, "b", 3L));
    }

    @Test
    void createTimeSeriesSortsPointsByTimeAndSkipsNulls() {
        Vector times = column(TIMESTAMP, 30L, 10L, 20L, null, 40L);
        Vector values = column(DOUBLE, 3.0, 1.0, 2.0, 9.0, null);
        TimeSeriesType type = new TimeSeriesType(DOUBLE);
        assertThat(run("create_time_series", type, false, new int[] {0, 0, 0, 0, 0}, 2, times, values))
                .containsExactly(List.of(List.of(10L, 1.0), List.of(20L, 2.0), List.of(30L, 3.0)), null);
    }

    @Test
    void approxDistinctCountsDistinctNonNullValuesAndValidatesTheErrorBound() {
        Vector words = column(VARCHAR, "a", "b", "a", "b", "c", null, "b");
        assertThat(run("approx_distinct", BIGINT, words)).containsExactly(1L, 1L, 2L, 0L);
        Vector doubles = column(DOUBLE, 0.0, -0.0, Double.NaN, Double.NaN, 1.0);
        assertThat(run("approx_distinct", BIGINT, false, new int[5], 1, doubles)).containsExactly(3L);
        Vector bound = column(DOUBLE, 0.5, 0.5, 0.5, 0.5, 0.5);
        assertThatThrownBy(() -> run("approx_distinct", BIGINT, false, new int[5], 1, doubles, bound))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Max standard error must be in [0.0040625, 0.26000]: 0.5");
        Vector fine = column(DOUBLE, 0.01, 0.01, 0.01, 0.01, 0.01);
        assertThat(run("approx_distinct", BIGINT, false, new int[5], 1, doubles, fine)).containsExactly(3L);
    }

    @Test
    void distinctAggregatesSeeEachArgumentTupleOncePerGroup() {
        Vector values = column(BIGINT, 1L, 1L, 2L, 2L, null, 1L, 3L);
        int[] groups = {0, 0, 0, 1, 1, 1, 1};
        assertThat(run("count", BIGINT, true, groups, 3, values)).containsExactly(2L, 3L, 0L);
        assertThat(run("sum", BIGINT, true, groups, 3, values)).containsExactly(3L, 6L, null);
        assertThat(run("array_agg", new ArrayType(BIGINT), true, groups, 3, values))
                .containsExactly(List.of(1L, 2L), Arrays.asList(2L, null, 1L, 3L), null);
        Vector doubles = column(DOUBLE, 0.0, -0.0, 1.5, 1.5, 2.5, 2.5, 2.5);
        assertThat(run("avg", DOUBLE, true, groups, 3, doubles)).containsExactly(0.75, 2.0, null);
        AggregateFunction distinct = AggregateRun.bind("count", List.of(BIGINT), BIGINT, true);
        assertThat(distinct.intermediateTypes()).containsExactly(PrimitiveType.UNKNOWN);
    }

    @Test
    void everyAggregateSignatureOfTheParserBinds() {
        List<BoundSignature> signatures = List.of(
                new BoundSignature("count", List.of(), BIGINT),
                new BoundSignature("approx_percentile", List.of(BIGINT, BIGINT, DOUBLE, DOUBLE), BIGINT),
                new BoundSignature("approx_percentile", List.of(DOUBLE, BIGINT, new ArrayType(DOUBLE)), new ArrayType(DOUBLE)),
                new BoundSignature("min_by", List.of(VARCHAR, DOUBLE, BIGINT), new ArrayType(VARCHAR)),
                new BoundSignature("create_time_series", List.of(TIMESTAMP, BOOLEAN), new TimeSeriesType(BOOLEAN)));
        for (BoundSignature signature : signatures) {
            assertThat(BuiltinAggregates.instance().bind(signature, false)).as(signature.toString()).isPresent();
        }
        for (String name : List.of("count_if", "sum", "avg", "min", "max", "arbitrary", "any_value", "approx_distinct", "stddev", "stddev_samp",
                "stddev_pop", "variance", "var_samp", "var_pop", "skewness", "kurtosis", "geometric_mean", "bool_and", "bool_or", "every",
                "bitwise_and_agg", "bitwise_or_agg", "array_agg", "histogram", "map_union")) {
            assertThat(BuiltinAggregates.instance().bind(new BoundSignature(name, List.of(DOUBLE), DOUBLE), false)).as(name).isPresent();
        }
        for (String name : List.of("corr", "covar_pop", "covar_samp", "regr_intercept", "regr_slope", "min_by", "max_by", "map_agg",
                "multimap_agg", "approx_percentile")) {
            assertThat(BuiltinAggregates.instance().bind(new BoundSignature(name, List.of(DOUBLE, DOUBLE), DOUBLE), false)).as(name).isPresent();
        }
        assertThat(BuiltinAggregates.instance().bind(new BoundSignature("no_such_aggregate", List.of(DOUBLE), DOUBLE), false)).isEmpty();
        assertThat(BuiltinAggregates.instance().bind(new BoundSignature("sum", List.of(DOUBLE, DOUBLE), DOUBLE), false)).isEmpty();
    }

    @Test
    void manyGroupsInRandomOrderGrowTheStateArrays() {
        int rows = 10_000;
        int groupCount = 3_000;
        java.util.Random random = new java.util.Random(42);
        int[] groups = new int[rows];
        long[] values = new long[rows];
        long[] expectedSums = new long[groupCount];
        long[] expectedCounts = new long[groupCount];
        for (int i = 0; i < rows; i++) {
            groups[i] = random.nextInt(groupCount);
            values[i] = random.nextInt(1000);
            expectedSums[groups[i]] += values[i];
            expectedCounts[groups[i]]++;
        }
        Vector column = Vector.ofLongs(BIGINT, values, null, rows);
        List<Object> sums = run("sum", BIGINT, false, groups, groupCount, column);
        List<Object> counts = run("count", BIGINT, false, groups, groupCount, column);
        for (int g = 0; g < groupCount; g++) {
            assertThat(counts.get(g)).isEqualTo(expectedCounts[g]);
            assertThat(sums.get(g)).isEqualTo(expectedCounts[g] == 0 ? null : expectedSums[g]);
        }
    }
}
