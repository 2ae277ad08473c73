package io.tidemark.engine.query.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.model.MeasureType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * An aggregate's state read from a real chunk's header stats, merged into an accumulator, gives
 * the result of adding the chunk's values; the stats decline what they cannot answer exactly.
 */
class StatsIntermediateTest {

    private static final List<String> NAMES = List.of("count", "sum", "min", "max", "avg");

    private static AggregateFunction bind(String name, SqlType argument) {
        SqlType result = name.equals("count") ? PrimitiveType.BIGINT : name.equals("avg") ? PrimitiveType.DOUBLE : argument;
        return AggregateRun.bind(name, List.of(argument), result, false);
    }

    /** The chunk of one column holding {@code values} (null: absent) at times 1, 2, 3 … */
    private static ChunkStats stats(MeasureType type, List<Number> values) {
        OpenChunk chunk = new OpenChunk(List.of(new ColumnSpec("x", type)));
        for (int i = 0; i < values.size(); i++) {
            int row = chunk.append(i + 1, 0);
            Number value = values.get(i);
            if (value != null && type == MeasureType.DOUBLE) {
                chunk.setDouble(0, row, value.doubleValue());
            } else if (value != null) {
                chunk.setLong(0, row, value.longValue());
            }
        }
        return chunk.seal().stats();
    }

    private static Vector column(SqlType type, List<Number> values) {
        VectorBuilder builder = new VectorBuilder(type, values.size());
        for (Number value : values) {
            if (value == null) {
                builder.appendNull();
            } else if (type == PrimitiveType.DOUBLE) {
                builder.appendDouble(value.doubleValue());
            } else {
                builder.appendLong(value.longValue());
            }
        }
        return builder.build();
    }

    private static Object decoded(AggregateFunction function, SqlType type, List<Number> values) {
        return AggregateRun.onePass(function, new int[values.size()], 1, new Vector[] {column(type, values)}, values.size()).get(0);
    }

    private static Optional<Object> fromStats(AggregateFunction function, int rowCount, ChunkStats stats) {
        return function.intermediateFromStats(rowCount, stats == null ? List.of() : List.of(stats.column(0))).map(state -> {
            Accumulator accumulator = function.newAccumulator();
            accumulator.merge(new int[] {0}, 1, state, 1);
            return accumulator.result(1).get(0);
        });
    }

    @Property(tries = 300)
    void doubleStatsAnswerLikeTheValues(@ForAll("doubles") List<Number> values, @ForAll("names") String name) {
        check(name, PrimitiveType.DOUBLE, MeasureType.DOUBLE, values);
    }

    @Property(tries = 300)
    void bigintStatsAnswerLikeTheValues(@ForAll("longs") List<Number> values, @ForAll("names") String name) {
        check(name, PrimitiveType.BIGINT, MeasureType.BIGINT, values);
    }

    private static void check(String name, SqlType type, MeasureType measureType, List<Number> values) {
        AggregateFunction function = bind(name, type);
        Optional<Object> answer = fromStats(function, values.size(), stats(measureType, values));
        boolean nan = values.stream().anyMatch(v -> v instanceof Double d && d.isNaN());
        if (nan && (name.equals("min") || name.equals("max"))) {
            assertThat(answer).as("extremes of a chunk that may hold NaN are decoded").isEmpty();
            return;
        }
        assertThat(answer).as(name + values).isPresent();
        assertThat(answer.get()).as(name + values).isEqualTo(decoded(function, type, values));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }

    @Provide
    Arbitrary<List<Number>> doubles() {
        Arbitrary<Number> value = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(-2000, 2000).map(i -> (Number) (i * 0.5))),
                Tuple.of(1, Arbitraries.just((Number) Double.NaN)),
                Tuple.of(2, Arbitraries.just((Number) null)));
        return value.list().ofMinSize(1).ofMaxSize(40).filter(StatsIntermediateTest::hasAValue);
    }

    @Provide
    Arbitrary<List<Number>> longs() {
        Arbitrary<Number> value = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.longs().between(-1_000_000, 1_000_000).map(l -> (Number) l)),
                Tuple.of(2, Arbitraries.just((Number) null)));
        return value.list().ofMinSize(1).ofMaxSize(40).filter(StatsIntermediateTest::hasAValue);
    }

    /** A chunk column holds at least one value (a column without any is left out of the chunk). */
    private static boolean hasAValue(List<Number> values) {
        return values.stream().anyMatch(Objects::nonNull);
    }

    /** The stats {@code time} stands for in a chunk of rows at times 1..n: present everywhere, first = min, last = max. */
    private static ColumnStats.LongStats times(int n) {
        return new ColumnStats.LongStats(n, 1, n, 0, true, 1, n);
    }

    @Property(tries = 300)
    void extremumByTimeAnswersLikeTheValuesWhenTheColumnIsPresentInEveryRowOrNone(@ForAll("doubles") List<Number> values,
            @ForAll boolean max) {
        String name = max ? "max_by" : "min_by";
        AggregateFunction function = AggregateRun.bind(name, List.of(PrimitiveType.DOUBLE, PrimitiveType.TIMESTAMP),
                PrimitiveType.DOUBLE, false);
        int n = values.size();
        Optional<Object> answer = function.intermediateFromStats(n, List.of(stats(MeasureType.DOUBLE, values).column(0), times(n)))
                .map(state -> {
                    Accumulator accumulator = function.newAccumulator();
                    accumulator.merge(new int[] {0}, 1, state, 1);
                    return accumulator.result(1).get(0);
                });
        if (values.contains(null)) {
            assertThat(answer).as("first/last of a column with gaps are not the first/last row's").isEmpty();
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = i + 1;
        }
        Object decoded = AggregateRun.onePass(function, new int[n], 1, new Vector[] {column(PrimitiveType.DOUBLE, values),
                Vector.ofLongs(PrimitiveType.TIMESTAMP, keys, null, n)}, n).get(0);
        assertThat(answer).as(name + values).contains(decoded);
    }

    @Test
    void extremumByTimeOfAColumnWithoutValuesIsNull() {
        AggregateFunction function = AggregateRun.bind("max_by", List.of(PrimitiveType.BIGINT, PrimitiveType.TIMESTAMP),
                PrimitiveType.BIGINT, false);
        Optional<Vector[]> state = function.intermediateFromStats(3, List.of(new ColumnStats.LongStats(0, 0, 0, 0, false, 0, 0), times(3)));
        assertThat(state).isPresent();
        Accumulator accumulator = function.newAccumulator();
        accumulator.merge(new int[] {0}, 1, state.get(), 1);
        assertThat(accumulator.result(1).get(0)).isNull();
    }

    @Test
    void extremumByTimeNeedsTheKeyInEveryRow() {
        AggregateFunction function = AggregateRun.bind("max_by", List.of(PrimitiveType.DOUBLE, PrimitiveType.TIMESTAMP),
                PrimitiveType.DOUBLE, false);
        ChunkStats values = stats(MeasureType.DOUBLE, List.of(1.0, 2.0, 3.0));
        assertThat(function.intermediateFromStats(3, List.of(values.column(0), new ColumnStats.LongStats(2, 1, 3, 0, true, 1, 3))))
                .isEmpty();
    }

    @Test
    void countOfRowsNeedsNoColumn() {
        assertThat(fromStats(AggregateRun.bind("count", List.of(), PrimitiveType.BIGINT, false), 7, null)).contains(7L);
    }

    @Test
    void anOverflowedBigintSumIsDecoded() {
        ChunkStats overflowed = stats(MeasureType.BIGINT, List.of(Long.MAX_VALUE, 1L, -2L));
        assertThat(fromStats(bind("sum", PrimitiveType.BIGINT), 3, overflowed)).isEmpty();
        assertThat(fromStats(bind("avg", PrimitiveType.BIGINT), 3, overflowed)).isEmpty();
        assertThat(fromStats(bind("max", PrimitiveType.BIGINT), 3, overflowed)).contains(Long.MAX_VALUE);
    }

    @Test
    void distinctAndOtherAggregatesAreNotAnsweredFromStats() {
        ChunkStats stats = stats(MeasureType.DOUBLE, List.of(1.0, 2.0));
        assertThat(AggregateRun.bind("sum", List.of(PrimitiveType.DOUBLE), PrimitiveType.DOUBLE, true)
                .intermediateFromStats(2, List.of(stats.column(0)))).isEmpty();
        assertThat(AggregateRun.bind("stddev", List.of(PrimitiveType.DOUBLE), PrimitiveType.DOUBLE, false)
                .intermediateFromStats(2, List.of(stats.column(0)))).isEmpty();
        assertThat(AggregateRun.bind("count_if", List.of(PrimitiveType.BOOLEAN), PrimitiveType.BIGINT, false)
                .intermediateFromStats(2, List.of(stats.column(0)))).isEmpty();
    }
}
