package io.tidemark.engine.query.operator;

import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.SortKey;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Sort against {@link List#sort} (stable) with a boxed comparator, over {@code (bigint, double, varchar, boolean, id bigint)}
 * rows where the id is the input position, so stability is visible; TopN equals Sort then Limit.
 */
class SortPropertyTest {

    static final List<SqlType> TYPES = List.of(PrimitiveType.BIGINT, PrimitiveType.DOUBLE, PrimitiveType.VARCHAR, PrimitiveType.BOOLEAN,
            PrimitiveType.BIGINT);

    record Case(List<List<Object>> rows, List<SortKey> keys, List<Integer> cuts, long n) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return cases(300);
    }

    /** Enough rows that TopN cuts its buffer back several times. */
    @Provide
    Arbitrary<Case> longCases() {
        return cases(2500);
    }

    private Arbitrary<Case> cases(int maxRows) {
        Arbitrary<SortKey> key = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(SortKey::new);
        Arbitrary<Long> n = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(0, 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, Long.MAX_VALUE)));
        return Combinators.combine(TestValues.rows(TYPES.subList(0, 4), maxRows), key.list().ofMinSize(1).ofMaxSize(3),
                TestValues.cuts(), n).as((rows, keys, cuts, limit) -> new Case(withIds(rows), keys, cuts, limit));
    }

    @Property(tries = 300)
    void sortIsStableAndOrdered(@ForAll("cases") Case c) {
        QueryContext context = TestBatches.context();
        Batch sorted = Sort.sort(TestBatches.batch(TYPES, c.rows()), c.keys(), context);
        assertThat(rows(sorted)).isEqualTo(referenceSort(c.rows(), c.keys()));
        assertThat(context.reservedMemory()).isZero();
    }

    @Property(tries = 40)
    void topNEqualsSortThenLimit(@ForAll("longCases") Case c) {
        QueryContext context = TestBatches.context();
        TopN topN = new TopN(TYPES, c.keys(), c.n(), context);
        for (Batch batch : TestBatches.split(TYPES, c.rows(), c.cuts())) {
            topN.add(batch);
        }
        Batch top = topN.finish();
        Batch expected = Limit.apply(Sort.sort(TestBatches.batch(TYPES, c.rows()), c.keys(), context), 0, c.n());
        assertThat(rows(top)).isEqualTo(rows(expected));
        assertThat(context.reservedMemory()).isZero();
    }

    @Property(tries = 100)
    void topNOfManySmallBatchesEqualsSortThenLimit(@ForAll("longCases") Case c) {
        QueryContext context = TestBatches.context();
        long n = c.n() % 50;
        TopN topN = new TopN(TYPES, c.keys(), n, context);
        for (int from = 0; from < c.rows().size(); from += 7) {
            topN.add(TestBatches.batch(TYPES, c.rows().subList(from, Math.min(c.rows().size(), from + 7))));
        }
        List<List<Object>> expected = referenceSort(c.rows(), c.keys());
        assertThat(rows(topN.finish())).isEqualTo(expected.subList(0, (int) Math.min(n, expected.size())));
    }

    private static List<List<Object>> withIds(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = new ArrayList<>(rows.get(i));
            row.add((long) i);
            out.add(row);
        }
        return out;
    }

    static List<List<Object>> referenceSort(List<List<Object>> rows, List<SortKey> keys) {
        Comparator<List<Object>> order = (a, b) -> 0;
        for (SortKey key : keys) {
            order = order.thenComparing((a, b) -> compare(key, a.get(key.channel()), b.get(key.channel())));
        }
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        return sorted;
    }

    private static int compare(SortKey key, Object a, Object b) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == key.nullsFirst() ? -1 : 1;
        }
        int c = a instanceof Double ? Values.compareDoubles((Double) a, (Double) b) : compareComparable(a, b);
        return key.ascending() ? c : -c;
    }

    @SuppressWarnings("unchecked")
    private static int compareComparable(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }
}
