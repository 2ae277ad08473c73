package io.tidemark.engine.query.operator;

import static io.tidemark.engine.query.operator.TestBatches.row;
import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.operator.HashAggregation.AggregateCall;
import io.tidemark.engine.query.operator.HashAggregation.Step;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Empty inputs, batches with rows but no columns, single rows, large tables, and the errors operators raise. */
class OperatorEdgeCaseTest {

    private static final List<SqlType> ONE_BIGINT = List.of(PrimitiveType.BIGINT);
    private static final List<AggregateCall> SUM_COUNT_STAR = List.of(
            new AggregateCall(TestAggregates.SUM, List.of(0), Optional.empty()),
            new AggregateCall(TestAggregates.COUNT, List.of(), Optional.empty()));

    private final QueryContext context = TestBatches.context();

    private static Batch noColumns(int rows) {
        return new Batch(List.of(), rows);
    }

    @Test
    void filterKeepsOnlyTrueRowsAndTreatsNullAsFalse() {
        Batch batch = TestBatches.batch(ONE_BIGINT, List.of(row(1L), row(2L), row(3L)));
        Vector predicate = Vector.ofBooleans(PrimitiveType.BOOLEAN, new boolean[] {true, true, false}, new boolean[] {false, true, false}, 3);
        assertThat(rows(Filter.apply(batch, predicate))).containsExactly(row(1L));
        Vector allTrue = Vector.constant(PrimitiveType.BOOLEAN, true, 3);
        assertThat(Filter.apply(batch, allTrue)).isSameAs(batch);
        assertThat(Filter.apply(batch, Vector.nulls(PrimitiveType.UNKNOWN, 3)).rowCount()).isZero();
        assertThat(Filter.apply(noColumns(2), Vector.ofBooleans(PrimitiveType.BOOLEAN, new boolean[] {false, true}, null, 2)).rowCount()).isEqualTo(1);
        assertThatThrownBy(() -> Filter.apply(batch, allTrue.slice(0, 2)))
                .hasMessage("cannot filter: predicate has 2 rows, batch has 3");
    }

    @Test
    void limitSkipsTheOffsetAndKeepsAtMostTheLimit() {
        Batch batch = TestBatches.batch(ONE_BIGINT, List.of(row(1L), row(2L), row(3L)));
        assertThat(rows(Limit.apply(batch, 1, 1))).containsExactly(row(2L));
        assertThat(rows(Limit.apply(batch, 1, -1))).containsExactly(row(2L), row(3L));
        assertThat(Limit.apply(batch, 0, Long.MAX_VALUE)).isSameAs(batch);
        assertThat(Limit.apply(batch, Long.MAX_VALUE, 5).rowCount()).isZero();
        assertThat(Limit.apply(batch, 0, 0).rowCount()).isZero();
        assertThat(Limit.apply(noColumns(5), 1, 2).rowCount()).isEqualTo(2);
    }

    @Test
    void globalAggregationHasOneRowWithoutInput() {
        HashAggregation single = new HashAggregation(Step.SINGLE, List.of(), List.of(), SUM_COUNT_STAR, context);
        single.add(Batch.empty(ONE_BIGINT));
        assertThat(rows(single.finish())).containsExactly(row(null, 0L));

        HashAggregation partial = new HashAggregation(Step.PARTIAL, List.of(), List.of(), SUM_COUNT_STAR, context);
        Batch states = partial.finish();
        assertThat(rows(states)).containsExactly(row(null, 0L));

        HashAggregation merged = new HashAggregation(Step.FINAL, List.of(), List.of(), SUM_COUNT_STAR, context);
        merged.add(states);
        merged.add(states);
        assertThat(rows(merged.finish())).containsExactly(row(null, 0L));

        HashAggregation noInputFinal = new HashAggregation(Step.FINAL, List.of(), List.of(), SUM_COUNT_STAR, context);
        assertThat(rows(noInputFinal.finish())).containsExactly(row(null, 0L));
    }

    @Test
    void groupedAggregationWithoutInputHasNoRows() {
        HashAggregation grouped = new HashAggregation(Step.SINGLE, List.of(0), ONE_BIGINT, SUM_COUNT_STAR, context);
        Batch result = grouped.finish();
        assertThat(result.rowCount()).isZero();
        assertThat(result.columnCount()).isEqualTo(3);
        assertThat(context.reservedMemory()).isZero();
    }

    @Test
    void countStarOverRowsWithoutColumns() {
        HashAggregation count = new HashAggregation(Step.SINGLE, List.of(), List.of(),
                List.of(new AggregateCall(TestAggregates.COUNT, List.of(), Optional.empty())), context);
        count.add(noColumns(3));
        count.add(noColumns(4));
        assertThat(rows(count.finish())).containsExactly(row(7L));
    }

    @Test
    void distinctSetOperationsAndJoinsOfRowsWithoutColumns() {
        assertThat(Distinct.apply(noColumns(5), context).rowCount()).isEqualTo(1);
        assertThat(Distinct.apply(noColumns(0), context).rowCount()).isZero();
        assertThat(SetOperations.intersect(noColumns(3), noColumns(1), true, context).rowCount()).isEqualTo(1);
        assertThat(SetOperations.intersect(noColumns(3), noColumns(0), false, context).rowCount()).isZero();
        assertThat(SetOperations.except(noColumns(3), noColumns(1), true, context).rowCount()).isEqualTo(2);
        assertThat(SetOperations.except(noColumns(3), noColumns(1), false, context).rowCount()).isZero();
        assertThat(SetOperations.union(List.of(), List.of(), true, context).rowCount()).isZero();
        assertThat(Joins.join(noColumns(3), noColumns(2), Joins.Type.CROSS, List.of(), List.of(), Optional.empty(), context).rowCount()).isEqualTo(6);
        assertThat(Joins.join(noColumns(3), noColumns(0), Joins.Type.LEFT, List.of(), List.of(), Optional.empty(), context).rowCount()).isEqualTo(3);
        assertThat(context.reservedMemory()).isZero();
    }

    @Test
    void emptyAndSingleRowInputs() {
        Batch empty = Batch.empty(ONE_BIGINT);
        Batch one = TestBatches.batch(ONE_BIGINT, List.of(row(42L)));
        assertThat(Sort.sort(empty, List.of(SortKey.ascending(0)), context).rowCount()).isZero();
        assertThat(rows(Sort.sort(one, List.of(SortKey.ascending(0)), context))).containsExactly(row(42L));
        TopN topN = new TopN(ONE_BIGINT, List.of(SortKey.ascending(0)), 3, context);
        assertThat(topN.finish().columnCount()).isEqualTo(1);
        assertThat(rows(Joins.join(one, one, Joins.Type.INNER, List.of(0), List.of(0), Optional.empty(), context)))
                .containsExactly(row(42L, 42L));
        assertThat(rows(Joins.join(empty, one, Joins.Type.FULL, List.of(0), List.of(0), Optional.empty(), context)))
                .containsExactly(row(null, 42L));
        assertThat(rows(Joins.join(one, empty, Joins.Type.LEFT, List.of(0), List.of(0), Optional.empty(), context)))
                .containsExactly(row(42L, null));
        assertThat(UnnestOperator.apply(Batch.empty(List.of(TestValues.BIGINT_ARRAY)), List.of(0), true, true, context).rowCount()).isZero();
        assertThat(context.reservedMemory()).isZero();
    }

    @Test
    void manyGroupsGrowTheTablesAndKeepTheirIds() {
        int groups = 50_000;
        long[] keys = new long[groups];
        double[] doubles = new double[groups];
        Object[] strings = new Object[groups];
        int[] ascending = new int[groups];
        for (int i = 0; i < groups; i++) {
            ascending[i] = i;
            keys[i] = i * 7919L - 1_000_000L;
            doubles[i] = keys[i] / 3.0;
            strings[i] = "key-" + keys[i];
        }
        List<Vector> columns = List.of(Vector.ofLongs(PrimitiveType.BIGINT, keys, null, groups),
                Vector.ofDoubles(PrimitiveType.DOUBLE, doubles, null, groups), Vector.ofObjects(PrimitiveType.VARCHAR, strings, groups));
        for (Vector column : columns) {
            try (GroupByHash hash = new GroupByHash(List.of(column.type()), 0, context)) {
                Vector[] key = {column};
                int[] first = hash.groupIds(key, groups);
                int[] again = hash.groupIds(key, groups);
                int[] found = hash.lookup(key, groups);
                assertThat(Arrays.copyOf(first, groups)).isEqualTo(ascending);
                assertThat(Arrays.copyOf(again, groups)).isEqualTo(ascending);
                assertThat(Arrays.copyOf(found, groups)).isEqualTo(ascending);
                assertThat(hash.groupCount()).isEqualTo(groups);
                assertThat(hash.keys()[0].get(groups - 1)).isEqualTo(column.get(groups - 1));
                assertThat(context.reservedMemory()).isGreaterThan(groups * 8L);
            }
        }
        assertThat(context.reservedMemory()).isZero();
    }

    @Test
    void aTableBeyondTheMemoryLimitFailsClearlyAndHoldsNothingMore() {
        QueryContext small = new QueryContext("small", EvalContext.utc(0), System.nanoTime() + TimeUnit.HOURS.toNanos(1), 64 * 1024);
        long[] keys = new long[100_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        GroupByHash hash = new GroupByHash(ONE_BIGINT, 16, small);
        long held = small.reservedMemory();
        assertThatThrownBy(() -> hash.groupIds(new Vector[] {Vector.ofLongs(PrimitiveType.BIGINT, keys, null, keys.length)}, keys.length))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("exceeded its memory limit");
        assertThat(small.reservedMemory()).isEqualTo(held);
        hash.close();
        assertThat(small.reservedMemory()).isZero();
    }

    @Test
    void aCancelledQueryStopsOperators() {
        context.cancel("user asked");
        Batch batch = TestBatches.batch(ONE_BIGINT, List.of(row(2L), row(1L)));
        assertThatThrownBy(() -> Sort.sort(batch, List.of(SortKey.ascending(0)), context)).hasMessageContaining("was cancelled: user asked");
        assertThatThrownBy(() -> Distinct.apply(batch, context)).hasMessageContaining("was cancelled");
    }

    @Test
    void doubleJoinKeysMatchZeroWithNegativeZeroButNaNNothing() {
        List<SqlType> doubles = List.of(PrimitiveType.DOUBLE);
        Batch left = TestBatches.batch(doubles, List.of(row(-0.0), row(Double.NaN), row(1.5)));
        Batch right = TestBatches.batch(doubles, List.of(row(Double.NaN), row(0.0), row(1.5)));
        assertThat(rows(Joins.join(left, right, Joins.Type.FULL, List.of(0), List.of(0), Optional.empty(), context)))
                .containsExactly(row(-0.0, 0.0), row(Double.NaN, null), row(1.5, 1.5), row(null, Double.NaN));
    }

    @Test
    void bareNullKeysGroupWithNullsOfTheKeyType() {
        try (GroupByHash hash = new GroupByHash(ONE_BIGINT, 4, context)) {
            Batch keys = TestBatches.batch(ONE_BIGINT, List.of(row(1L), row((Object) null)));
            assertThat(hash.groupIds(new Vector[] {keys.column(0)}, 2)).startsWith(0, 1);
            assertThat(hash.groupIds(new Vector[] {Vector.nulls(PrimitiveType.UNKNOWN, 3)}, 3)).startsWith(1, 1, 1);
            assertThatThrownBy(() -> hash.groupIds(new Vector[] {Vector.constant(PrimitiveType.VARCHAR, "x", 1)}, 1))
                    .hasMessage("cannot hash keys: key 0 has type varchar, expected bigint");
        }
    }

    @Test
    void joinsRejectInconsistentKeys() {
        Batch longs = TestBatches.batch(ONE_BIGINT, List.of(row(1L)));
        Batch strings = TestBatches.batch(List.of(PrimitiveType.VARCHAR), List.of(row("1")));
        assertThatThrownBy(() -> Joins.join(longs, longs, Joins.Type.INNER, List.of(0), List.of(), Optional.empty(), context))
                .hasMessage("cannot join: 1 left keys but 0 right keys");
        assertThatThrownBy(() -> Joins.join(longs, strings, Joins.Type.INNER, List.of(0), List.of(0), Optional.empty(), context))
                .hasMessage("cannot join on keys of different types: left=bigint, right=varchar");
        assertThatThrownBy(() -> Joins.join(longs, longs, Joins.Type.CROSS, List.of(0), List.of(0), Optional.empty(), context))
                .hasMessage("cannot cross join on keys: keys=1");
    }
}
