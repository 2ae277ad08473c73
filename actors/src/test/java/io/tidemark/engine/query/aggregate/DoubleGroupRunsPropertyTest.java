package io.tidemark.engine.query.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * sum, avg, min and max of doubles add a run of rows of one group at a time: whether the groups
 * come in long runs (a scan's series and time bins) or change every row, every group's result is
 * bit for bit the row-by-row one in row order (NaN the greatest), nulls skipped, and a group of
 * nulls only is null.
 */
class DoubleGroupRunsPropertyTest {

    private static final int GROUPS = 4;

    record Rows(int[] groupIds, List<Double> values) {
    }

    @Provide
    Arbitrary<Rows> rows() {
        Arbitrary<Double> value = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.doubles().between(-1e6, 1e6).map(v -> v)),
                Tuple.of(1, Arbitraries.of(-0.0, 0.1, Double.NaN, Double.POSITIVE_INFINITY)),
                Tuple.of(2, Arbitraries.just((Double) null)));
        Arbitrary<int[]> runs = Arbitraries.integers().between(0, GROUPS - 1).list().ofMaxSize(40)
                .flatMap(groups -> Arbitraries.integers().between(1, 30).list().ofSize(groups.size()).map(lengths -> {
                    List<Integer> ids = new ArrayList<>();
                    for (int r = 0; r < groups.size(); r++) {
                        for (int k = 0; k < lengths.get(r); k++) {
                            ids.add(groups.get(r));
                        }
                    }
                    return ids.stream().mapToInt(Integer::intValue).toArray();
                }));
        return runs.flatMap(ids -> value.list().ofSize(ids.length).map(values -> new Rows(ids, values)));
    }

    @Property(tries = 300)
    void sumAverageMinAndMaxEqualTheRowByRowResults(@ForAll("rows") Rows rows) {
        int n = rows.groupIds().length;
        double[] sums = new double[GROUPS];
        long[] counts = new long[GROUPS];
        Double[] mins = new Double[GROUPS];
        Double[] maxes = new Double[GROUPS];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            Double value = rows.values().get(i);
            values[i] = value;
            int g = rows.groupIds()[i];
            if (value != null) {
                sums[g] += value;
                counts[g]++;
                mins[g] = mins[g] == null || Values.compareDoubles(value, mins[g]) < 0 ? value : mins[g];
                maxes[g] = maxes[g] == null || Values.compareDoubles(value, maxes[g]) > 0 ? value : maxes[g];
            }
        }
        Vector[] arguments = {AggregateRun.column(PrimitiveType.DOUBLE, values)};
        List<Object> sum = AggregateRun.onePass(AggregateRun.bind("sum", List.of(PrimitiveType.DOUBLE), PrimitiveType.DOUBLE, false),
                rows.groupIds(), GROUPS, arguments, n);
        List<Object> avg = AggregateRun.onePass(AggregateRun.bind("avg", List.of(PrimitiveType.DOUBLE), PrimitiveType.DOUBLE, false),
                rows.groupIds(), GROUPS, arguments, n);
        List<Object> min = AggregateRun.onePass(AggregateRun.bind("min", List.of(PrimitiveType.DOUBLE), PrimitiveType.DOUBLE, false),
                rows.groupIds(), GROUPS, arguments, n);
        List<Object> max = AggregateRun.onePass(AggregateRun.bind("max", List.of(PrimitiveType.DOUBLE), PrimitiveType.DOUBLE, false),
                rows.groupIds(), GROUPS, arguments, n);
        for (int g = 0; g < GROUPS; g++) {
            assertThat(min.get(g)).as("min of group %d", g).isEqualTo(mins[g]);
            assertThat(max.get(g)).as("max of group %d", g).isEqualTo(maxes[g]);
            assertThat(sum.get(g)).as("sum of group %d", g).isEqualTo(counts[g] == 0 ? null : sums[g]);
            assertThat(avg.get(g)).as("avg of group %d", g).isEqualTo(counts[g] == 0 ? null : sums[g] / counts[g]);
        }
    }
}
