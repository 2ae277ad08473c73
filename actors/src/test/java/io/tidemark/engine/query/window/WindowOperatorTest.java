package io.tidemark.engine.query.window;

import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static io.tidemark.sql.type.PrimitiveType.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed window results over one batch in scrambled order. Partition a, sorted by t:
 * t=1 v=1 (row 2), t=2 v=null (row 4), t=2 v=2 (row 5), t=3 v=3 (row 1), t=5 v=5 (row 6);
 * partition b: t=1 v=10 (row 3), t=2 v=20 (row 0), t=3 v=30 (row 7).
 */
class WindowOperatorTest {

    private static final int P = 0;
    private static final int T = 1;
    private static final int V = 2;
    private static final int TWO = 3;
    private static final int MINUS_ONE = 4;
    private static final Batch INPUT = new Batch(List.of(
            column(VARCHAR, "b", "a", "a", "b", "a", "a", "a", "b"),
            column(BIGINT, 2L, 3L, 1L, 1L, 2L, 2L, 5L, 3L),
            column(DOUBLE, 20.0, 3.0, 1.0, 10.0, null, 2.0, 5.0, 30.0),
            column(BIGINT, 2L, 2L, 2L, 2L, 2L, 2L, 2L, 2L),
            column(DOUBLE, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0)), 8);
    private static final List<SortKey> BY_T = List.of(SortKey.ascending(T));

    private final QueryContext context = new QueryContext("q1", EvalContext.utc(0), System.nanoTime() + TimeUnit.MINUTES.toNanos(5), 1 << 30);

    private static Vector column(SqlType type, Object... values) {
        VectorBuilder builder = new VectorBuilder(type, values.length);
        for (Object value : values) {
            builder.append(value);
        }
        return builder.build();
    }

    private static WindowSpec window(String function, SqlType returnType, List<Integer> arguments, List<SortKey> orderBy, Frame frame,
            boolean ignoreNulls) {
        List<SqlType> types = new ArrayList<>();
        for (int channel : arguments) {
            types.add(INPUT.column(channel).type());
        }
        return new WindowSpec(function, arguments, types, returnType, false, List.of(P), orderBy, frame, ignoreNulls);
    }

    private List<Object> evaluate(WindowSpec window) {
        Batch output = WindowOperator.apply(INPUT, List.of(window), context);
        assertThat(output.columnCount()).isEqualTo(INPUT.columnCount() + 1);
        Vector result = output.column(INPUT.columnCount());
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
            values.add(result.get(i));
        }
        return values;
    }

    private List<Object> rank(String function, SqlType type, Integer... arguments) {
        return evaluate(window(function, type, List.of(arguments), BY_T, null, false));
    }

    private List<Object> value(String function, boolean ignoreNulls, Frame frame, Integer... arguments) {
        return evaluate(window(function, DOUBLE, List.of(arguments), BY_T, frame, ignoreNulls));
    }

    private List<Object> aggregate(String function, SqlType type, Frame frame, Integer... arguments) {
        return evaluate(window(function, type, List.of(arguments), BY_T, frame, false));
    }

    private static List<Object> values(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void rankingFunctionsNumberRowsWithTiesSharingRanks() {
        assertThat(rank("row_number", BIGINT)).containsExactly(2L, 4L, 1L, 1L, 2L, 3L, 5L, 3L);
        assertThat(rank("rank", BIGINT)).containsExactly(2L, 4L, 1L, 1L, 2L, 2L, 5L, 3L);
        assertThat(rank("dense_rank", BIGINT)).containsExactly(2L, 3L, 1L, 1L, 2L, 2L, 4L, 3L);
        assertThat(rank("percent_rank", DOUBLE)).containsExactly(0.5, 0.75, 0.0, 0.0, 0.25, 0.25, 1.0, 1.0);
        assertThat(rank("cume_dist", DOUBLE)).containsExactly(2 / 3.0, 0.8, 0.2, 1 / 3.0, 0.6, 0.6, 1.0, 1.0);
    }

    @Test
    void ntileGivesTheFirstBucketsTheExtraRows() {
        assertThat(rank("ntile", BIGINT, TWO)).containsExactly(1L, 2L, 1L, 1L, 1L, 1L, 2L, 2L);
        Batch five = new Batch(List.of(column(BIGINT, 5L, 4L, 3L, 2L, 1L, 0L, 6L), column(BIGINT, 4L, 4L, 4L, 4L, 4L, 4L, 4L)), 7);
        WindowSpec ntile = new WindowSpec("ntile", List.of(1), List.of(BIGINT), BIGINT, false, List.of(), List.of(SortKey.ascending(0)), null, false);
        Vector buckets = WindowOperator.apply(five, List.of(ntile), context).column(2);
        // 7 rows in 4 buckets: sizes 2, 2, 2, 1 over t = 0..6
        assertThat(List.of(buckets.get(5), buckets.get(4), buckets.get(3), buckets.get(2), buckets.get(1), buckets.get(0), buckets.get(6)))
                .containsExactly(1L, 1L, 2L, 2L, 3L, 3L, 4L);
        Batch zero = new Batch(List.of(column(BIGINT, 1L), column(BIGINT, 0L)), 1);
        assertThatThrownBy(() -> WindowOperator.apply(zero, List.of(ntile), context))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Buckets must be greater than 0");
    }

    @Test
    void lagAndLeadStayInThePartitionAndUseTheDefaultOutsideIt() {
        assertThat(value("lag", false, null, V)).isEqualTo(values(10.0, 2.0, null, null, 1.0, null, 3.0, 20.0));
        assertThat(evaluate(window("lag", DOUBLE, List.of(V, TWO, MINUS_ONE), BY_T, null, false)))
                .isEqualTo(values(-1.0, null, -1.0, -1.0, -1.0, 1.0, 2.0, 10.0));
        assertThat(value("lead", false, null, V, TWO)).isEqualTo(values(null, null, 2.0, 30.0, 3.0, 5.0, null, null));
        assertThat(value("lag", true, null, V)).isEqualTo(values(10.0, 2.0, null, null, 1.0, 1.0, 3.0, 20.0));
        assertThat(value("lead", true, null, V)).isEqualTo(values(30.0, 5.0, 2.0, 20.0, 2.0, 3.0, null, null));
    }

    @Test
    void firstLastAndNthValueReadTheFrame() {
        assertThat(value("first_value", false, null, V)).isEqualTo(values(10.0, 1.0, 1.0, 10.0, 1.0, 1.0, 1.0, 10.0));
        assertThat(value("last_value", false, null, V)).isEqualTo(values(20.0, 3.0, 1.0, 10.0, 2.0, 2.0, 5.0, 30.0));
        Frame runningRows = Frame.rows(Frame.Bound.unboundedPreceding(), Frame.Bound.currentRow());
        assertThat(value("last_value", false, runningRows, V)).isEqualTo(values(20.0, 3.0, 1.0, 10.0, null, 2.0, 5.0, 30.0));
        assertThat(value("last_value", true, runningRows, V)).isEqualTo(values(20.0, 3.0, 1.0, 10.0, 1.0, 2.0, 5.0, 30.0));
        Frame whole = Frame.rows(Frame.Bound.unboundedPreceding(), Frame.Bound.unboundedFollowing());
        assertThat(value("nth_value", false, whole, V, TWO)).isEqualTo(values(20.0, null, null, 20.0, null, null, null, 20.0));
        assertThat(value("nth_value", true, whole, V, TWO)).isEqualTo(values(20.0, 2.0, 2.0, 20.0, 2.0, 2.0, 2.0, 20.0));
        Frame ahead = Frame.rows(Frame.Bound.following(1L), Frame.Bound.following(2L));
        assertThat(value("first_value", false, ahead, V)).isEqualTo(values(30.0, 5.0, null, 20.0, 2.0, 3.0, null, null));
    }

    @Test
    void defaultFrameRunsToTheLastPeerWithOrderByAndCoversThePartitionWithout() {
        assertThat(aggregate("sum", DOUBLE, null, V)).isEqualTo(values(30.0, 6.0, 1.0, 10.0, 3.0, 3.0, 11.0, 60.0));
        assertThat(aggregate("count", BIGINT, null, V)).isEqualTo(values(2L, 3L, 1L, 1L, 2L, 2L, 4L, 3L));
        assertThat(aggregate("count", BIGINT, null)).isEqualTo(values(2L, 4L, 1L, 1L, 3L, 3L, 5L, 3L));
        WindowSpec unordered = new WindowSpec("sum", List.of(V), List.of(DOUBLE), DOUBLE, false, List.of(P), List.of(), null, false);
        assertThat(evaluate(unordered)).isEqualTo(values(60.0, 11.0, 11.0, 60.0, 11.0, 11.0, 11.0, 60.0));
        Frame whole = Frame.range(Frame.Bound.unboundedPreceding(), Frame.Bound.unboundedFollowing());
        assertThat(aggregate("max", DOUBLE, whole, V)).isEqualTo(values(30.0, 5.0, 5.0, 30.0, 5.0, 5.0, 5.0, 30.0));
    }

    @Test
    void rowsFramesCountRowsAroundTheCurrentOne() {
        Frame running = Frame.rows(Frame.Bound.unboundedPreceding(), Frame.Bound.currentRow());
        assertThat(aggregate("sum", DOUBLE, running, V)).isEqualTo(values(30.0, 6.0, 1.0, 10.0, 1.0, 3.0, 11.0, 60.0));
        Frame moving = Frame.rows(Frame.Bound.preceding(1L), Frame.Bound.currentRow());
        assertThat(aggregate("avg", DOUBLE, moving, V)).isEqualTo(values(15.0, 2.5, 1.0, 10.0, 1.0, 2.0, 4.0, 25.0));
        Frame centered = Frame.rows(Frame.Bound.preceding(1L), Frame.Bound.following(1L));
        assertThat(aggregate("sum", DOUBLE, centered, V)).isEqualTo(values(60.0, 10.0, 1.0, 30.0, 3.0, 5.0, 8.0, 50.0));
        Frame rest = Frame.rows(Frame.Bound.currentRow(), Frame.Bound.unboundedFollowing());
        assertThat(aggregate("sum", DOUBLE, rest, V)).isEqualTo(values(50.0, 8.0, 11.0, 60.0, 10.0, 10.0, 5.0, 30.0));
        Frame before = Frame.rows(Frame.Bound.preceding(2L), Frame.Bound.preceding(1L));
        assertThat(aggregate("count", BIGINT, before)).isEqualTo(values(1L, 2L, 0L, 0L, 1L, 2L, 2L, 2L));
        assertThat(aggregate("sum", DOUBLE, before, V)).isEqualTo(values(10.0, 2.0, null, null, 1.0, 1.0, 5.0, 30.0));
        assertThat(aggregate("array_agg", new ArrayType(DOUBLE), moving, V))
                .isEqualTo(values(List.of(10.0, 20.0), List.of(2.0, 3.0), List.of(1.0), List.of(10.0), Arrays.asList(1.0, null),
                        Arrays.asList(null, 2.0), List.of(3.0, 5.0), List.of(20.0, 30.0)));
    }

    @Test
    void rangeFramesMeasureTheOrderKeyAndIncludePeers() {
        Frame lastUnit = Frame.range(Frame.Bound.preceding(1L), Frame.Bound.currentRow());
        assertThat(aggregate("sum", DOUBLE, lastUnit, V)).isEqualTo(values(30.0, 5.0, 1.0, 10.0, 3.0, 3.0, 5.0, 50.0));
        Frame nextUnit = Frame.range(Frame.Bound.currentRow(), Frame.Bound.following(1L));
        assertThat(aggregate("count", BIGINT, nextUnit)).isEqualTo(values(2L, 1L, 3L, 2L, 3L, 3L, 1L, 1L));
        WindowSpec descending = new WindowSpec("sum", List.of(V), List.of(DOUBLE), DOUBLE, false, List.of(P),
                List.of(new SortKey(T, false, false)), lastUnit, false);
        assertThat(evaluate(descending)).isEqualTo(values(50.0, 3.0, 3.0, 30.0, 5.0, 5.0, 5.0, 30.0));
    }

    @Test
    void rangeOffsetsOverDoubleKeysAndNullKeys() {
        Batch input = new Batch(List.of(column(DOUBLE, 1.0, null, 1.4, 2.5, null), column(BIGINT, 1L, 100L, 2L, 3L, 200L)), 5);
        Frame halfBefore = Frame.range(Frame.Bound.preceding(0.5), Frame.Bound.currentRow());
        WindowSpec sum = new WindowSpec("sum", List.of(1), List.of(BIGINT), BIGINT, false, List.of(), List.of(SortKey.ascending(0)), halfBefore, false);
        Vector sums = WindowOperator.apply(input, List.of(sum), context).column(2);
        assertThat(List.of(sums.get(0), sums.get(1), sums.get(2), sums.get(3), sums.get(4))).containsExactly(1L, 300L, 3L, 3L, 300L);
    }

    @Test
    void runningCountsOverLargePeerGroupsCountEveryPeer() {
        int rows = 10_000;
        long[] keys = new long[rows];
        for (int i = 0; i < rows; i++) {
            keys[rows - 1 - i] = i / 3000;
        }
        Batch input = new Batch(List.of(Vector.ofLongs(BIGINT, keys, null, rows)), rows);
        WindowSpec count = new WindowSpec("count", List.of(), List.of(), BIGINT, false, List.of(), List.of(SortKey.ascending(0)), null, false);
        Vector counts = WindowOperator.apply(input, List.of(count), context).column(1);
        for (int row = 0; row < rows; row++) {
            assertThat(counts.getLong(row)).as("row %d", row).isEqualTo(Math.min(rows, (keys[row] + 1) * 3000));
        }
    }

    @Test
    void windowsSharingAnOrderingAreAllAppendedInInputOrderAndMemoryIsReturned() {
        List<WindowSpec> windows = List.of(window("row_number", BIGINT, List.of(), BY_T, null, false),
                window("sum", DOUBLE, List.of(V), BY_T, null, false),
                new WindowSpec("count", List.of(), List.of(), BIGINT, false, List.of(), List.of(), null, false));
        Batch output = WindowOperator.apply(INPUT, windows, context);
        assertThat(output.columnCount()).isEqualTo(INPUT.columnCount() + 3);
        assertThat(output.column(0)).isSameAs(INPUT.column(0));
        assertThat(output.column(5).get(6)).isEqualTo(5L);
        assertThat(output.column(6).get(6)).isEqualTo(11.0);
        assertThat(output.column(7).get(6)).isEqualTo(8L);
        assertThat(context.reservedMemory()).isZero();
    }

    @Test
    void aDistinctAggregateOverAWindowSeesEachValueOnce() {
        Batch input = new Batch(List.of(column(BIGINT, 1L, 2L, 3L, 4L), column(BIGINT, 5L, 5L, 7L, 5L)), 4);
        WindowSpec distinct = new WindowSpec("count", List.of(1), List.of(BIGINT), BIGINT, true, List.of(), List.of(SortKey.ascending(0)),
                null, false);
        Vector counts = WindowOperator.apply(input, List.of(distinct), context).column(2);
        assertThat(List.of(counts.get(0), counts.get(1), counts.get(2), counts.get(3))).containsExactly(1L, 1L, 2L, 2L);
    }

    @Test
    void badCallsAndFramesFailClearly() {
        assertThatThrownBy(() -> Frame.rows(Frame.Bound.currentRow(), Frame.Bound.preceding(1L)))
                .isInstanceOf(QueryFunctionException.class).hasMessageContaining("must not start after it ends");
        assertThatThrownBy(() -> Frame.rows(Frame.Bound.preceding(-1L), Frame.Bound.currentRow()))
                .isInstanceOf(QueryFunctionException.class).hasMessage("Window frame offset value must not be negative or null");
        WindowSpec twoKeys = new WindowSpec("sum", List.of(V), List.of(DOUBLE), DOUBLE, false, List.of(), List.of(SortKey.ascending(P),
                SortKey.ascending(T)), Frame.range(Frame.Bound.preceding(1L), Frame.Bound.currentRow()), false);
        assertThatThrownBy(() -> WindowOperator.apply(INPUT, List.of(twoKeys), context))
                .isInstanceOf(QueryFunctionException.class).hasMessageContaining("exactly one ORDER BY key");
        assertThatThrownBy(() -> evaluate(window("no_such_function", DOUBLE, List.of(V), BY_T, null, false)))
                .isInstanceOf(QueryFunctionException.class).hasMessageContaining("function=no_such_function");
        QueryContext tiny = new QueryContext("q2", EvalContext.utc(0), System.nanoTime() + TimeUnit.MINUTES.toNanos(5), 16);
        assertThatThrownBy(() -> WindowOperator.apply(INPUT, List.of(window("rank", BIGINT, List.of(), BY_T, null, false)), tiny))
                .isInstanceOf(EngineException.class).hasMessageContaining("memory limit");
        assertThat(tiny.reservedMemory()).isZero();
    }
}
