package io.tidemark.engine.query.aggregate;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.BOOLEAN;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.TIMESTAMP;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Partial/final aggregation is exact: cutting the rows into fragments, aggregating each with its
 * own accumulator (and its own group numbering) and merging the intermediates gives what one pass
 * over all rows gives (doubles up to rounding, everything else equal).
 */
class AggregatePartialFinalTest {

    /** Generated columns: 0 double, 1 double, 2 bigint, 3 boolean, 4 varchar, 5 timestamp, 6 bigint constant 3, 7 positive double. */
    private static final SqlType[] COLUMN_TYPES = {DOUBLE, DOUBLE, BIGINT, BOOLEAN, VARCHAR, TIMESTAMP, BIGINT, DOUBLE};

    record Call(String name, SqlType returnType, boolean distinct, int... columns) {
        @Override
        public String toString() {
            return (distinct ? name + "(DISTINCT " : name + "(") + Arrays.toString(columns) + ")";
        }
    }

    private static final List<Call> CALLS = List.of(
            new Call("count", BIGINT, false), new Call("count", BIGINT, false, 2), new Call("count_if", BIGINT, false, 3),
            new Call("sum", BIGINT, false, 2), new Call("sum", DOUBLE, false, 0), new Call("avg", DOUBLE, false, 2),
            new Call("avg", DOUBLE, false, 0), new Call("min", VARCHAR, false, 4), new Call("max", DOUBLE, false, 0),
            new Call("min", BIGINT, false, 2), new Call("max", BOOLEAN, false, 3), new Call("stddev", DOUBLE, false, 0),
            new Call("var_pop", DOUBLE, false, 0), new Call("skewness", DOUBLE, false, 0), new Call("kurtosis", DOUBLE, false, 0),
            new Call("geometric_mean", DOUBLE, false, 7), new Call("corr", DOUBLE, false, 0, 1), new Call("covar_pop", DOUBLE, false, 0, 1),
            new Call("covar_samp", DOUBLE, false, 0, 1), new Call("regr_slope", DOUBLE, false, 0, 1),
            new Call("regr_intercept", DOUBLE, false, 0, 1), new Call("bool_and", BOOLEAN, false, 3), new Call("bool_or", BOOLEAN, false, 3),
            new Call("bitwise_and_agg", BIGINT, false, 2), new Call("bitwise_or_agg", BIGINT, false, 2),
            new Call("arbitrary", VARCHAR, false, 4), new Call("min_by", VARCHAR, false, 4, 0), new Call("max_by", VARCHAR, false, 4, 0),
            new Call("max_by", DOUBLE, false, 0, 5), new Call("min_by", BOOLEAN, false, 3, 2), new Call("max_by", VARCHAR, false, 4, 2),
            new Call("max", new ArrayType(BIGINT), false, 2, 6), new Call("min_by", new ArrayType(VARCHAR), false, 4, 2, 6),
            new Call("approx_distinct", BIGINT, false, 4), new Call("array_agg", new ArrayType(VARCHAR), false, 4),
            new Call("histogram", new MapType(VARCHAR, BIGINT), false, 4), new Call("map_agg", new MapType(VARCHAR, BIGINT), false, 4, 2),
            new Call("multimap_agg", new MapType(VARCHAR, new ArrayType(BIGINT)), false, 4, 2),
            new Call("create_time_series", new TimeSeriesType(DOUBLE), false, 5, 0),
            new Call("count", BIGINT, true, 2), new Call("sum", BIGINT, true, 2), new Call("avg", DOUBLE, true, 0),
            new Call("array_agg", new ArrayType(VARCHAR), true, 4), new Call("min_by", VARCHAR, true, 4, 0));

    @Provide
    Arbitrary<Call> calls() {
        return Arbitraries.of(CALLS);
    }

    @Property(tries = 400)
    void mergingFragmentIntermediatesGivesTheOnePassResult(@ForAll("calls") Call call, @ForAll @IntRange(max = 120) int rows,
            @ForAll @IntRange(min = 1, max = 9) int groupCount, @ForAll @IntRange(max = 5) int cutCount, @ForAll long seed) {
        Random random = new Random(seed);
        int[] groups = new int[rows];
        for (int i = 0; i < rows; i++) {
            groups[i] = random.nextInt(groupCount);
        }
        Vector[] arguments = new Vector[call.columns().length];
        SqlType[] types = new SqlType[arguments.length];
        for (int a = 0; a < arguments.length; a++) {
            types[a] = COLUMN_TYPES[call.columns()[a]];
            arguments[a] = generate(call.columns()[a], rows, random);
        }
        int[] cuts = new int[cutCount + 2];
        for (int c = 1; c <= cutCount; c++) {
            cuts[c] = random.nextInt(rows + 1);
        }
        cuts[cutCount + 1] = rows;
        Arrays.sort(cuts);

        AggregateFunction function = AggregateRun.bind(call.name(), List.of(types), call.returnType(), call.distinct());
        List<Object> expected = AggregateRun.onePass(function, groups, groupCount, arguments, rows);
        List<Object> merged = AggregateRun.fragmented(function, groups, groupCount, arguments, cuts);
        assertThat(merged).hasSameSizeAs(expected);
        for (int g = 0; g < groupCount; g++) {
            assertThat(same(expected.get(g), merged.get(g))).as("group %d: one pass %s, merged %s", g, expected.get(g), merged.get(g)).isTrue();
        }
    }

    private static Vector generate(int column, int rows, Random random) {
        VectorBuilder builder = new VectorBuilder(COLUMN_TYPES[column], rows);
        for (int i = 0; i < rows; i++) {
            if (column != 6 && random.nextInt(10) == 0) {
                builder.appendNull();
                continue;
            }
            switch (column) {
                case 0:
                case 1:
                    builder.appendDouble((random.nextInt(13) - 6) / 2.0);
                    break;
                case 2:
                    builder.appendLong(random.nextInt(101) - 50);
                    break;
                case 3:
                    builder.appendBoolean(random.nextInt(4) != 0);
                    break;
                case 4:
                    builder.append(String.valueOf((char) ('a' + random.nextInt(6))));
                    break;
                case 5:
                    builder.appendLong(random.nextInt(1_000_000) * 1_000L);
                    break;
                case 6:
                    builder.appendLong(3);
                    break;
                default:
                    builder.appendDouble(0.5 + random.nextInt(20) / 2.0);
            }
        }
        return builder.build();
    }

    /** Equal values, doubles within rounding (NaN equal to NaN). */
    private static boolean same(Object left, Object right) {
        if (left instanceof Double l && right instanceof Double r) {
            return l.isNaN() ? r.isNaN() : Math.abs(l - r) <= 1e-9 * Math.max(1, Math.max(Math.abs(l), Math.abs(r)));
        }
        if (left instanceof List<?> l && right instanceof List<?> r) {
            if (l.size() != r.size()) {
                return false;
            }
            for (int i = 0; i < l.size(); i++) {
                if (!same(l.get(i), r.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (left instanceof Map<?, ?> l && right instanceof Map<?, ?> r) {
            return l.keySet().equals(r.keySet()) && l.keySet().stream().allMatch(key -> same(l.get(key), r.get(key)));
        }
        return java.util.Objects.equals(left, right);
    }
}
