package io.tidemark.engine.query.operator;

import static io.tidemark.engine.query.operator.TestBatches.normalize;
import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * DISTINCT, UNION, INTERSECT and EXCEPT against a multiset reference (a HashMap from normalised row to count), with
 * nulls, {@code -0.0}/{@code 0.0} and NaNs, where rows compare IS NOT DISTINCT FROM. The reference also fixes the
 * order: left order, the first occurrences of each row.
 */
class SetOperationsPropertyTest {

    static final List<List<SqlType>> SHAPES = List.of(
            List.of(PrimitiveType.BIGINT),
            List.of(PrimitiveType.DOUBLE, PrimitiveType.VARCHAR),
            List.of(PrimitiveType.BOOLEAN, PrimitiveType.BIGINT, TestValues.BIGINT_ARRAY),
            List.of());

    record Case(List<SqlType> types, List<List<Object>> left, List<List<Object>> right, boolean all) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(SHAPES).flatMap(types -> Combinators.combine(TestValues.rows(types, 60), TestValues.rows(types, 60),
                Arbitraries.of(true, false)).as((left, right, all) -> new Case(types, left, right, all)));
    }

    @Property(tries = 300)
    void intersectKeepsTheMinimumOfMultiplicities(@ForAll("cases") Case c) {
        QueryContext context = TestBatches.context();
        Batch result = SetOperations.intersect(batch(c, c.left()), batch(c, c.right()), c.all(), context);
        assertThat(normalized(result)).isEqualTo(reference(c, true));
        assertThat(context.reservedMemory()).isZero();
    }

    @Property(tries = 300)
    void exceptKeepsTheDifferenceOfMultiplicities(@ForAll("cases") Case c) {
        QueryContext context = TestBatches.context();
        Batch result = SetOperations.except(batch(c, c.left()), batch(c, c.right()), c.all(), context);
        assertThat(normalized(result)).isEqualTo(reference(c, false));
        assertThat(context.reservedMemory()).isZero();
    }

    @Property(tries = 300)
    void unionAppendsAndDistinctKeepsFirstOccurrences(@ForAll("cases") Case c) {
        QueryContext context = TestBatches.context();
        List<List<Object>> both = new ArrayList<>(c.left());
        both.addAll(c.right());
        Batch union = SetOperations.union(List.of(batch(c, c.left()), batch(c, c.right())), c.types(), !c.all(), context);
        List<List<Object>> expected = c.all() ? TestBatches.normalizeRows(both) : firstOccurrences(both);
        assertThat(normalized(union)).isEqualTo(expected);
        assertThat(normalized(Distinct.apply(batch(c, both), context))).isEqualTo(firstOccurrences(both));
        assertThat(context.reservedMemory()).isZero();
    }

    private static Batch batch(Case c, List<List<Object>> rows) {
        return TestBatches.batch(c.types(), rows);
    }

    private static List<List<Object>> normalized(Batch batch) {
        return TestBatches.normalizeRows(rows(batch));
    }

    private static List<List<Object>> firstOccurrences(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : TestBatches.normalizeRows(rows)) {
            if (!out.contains(row)) {
                out.add(row);
            }
        }
        return out;
    }

    static List<List<Object>> reference(Case c, boolean intersect) {
        Map<Object, Integer> leftCounts = counts(c.left());
        Map<Object, Integer> rightCounts = counts(c.right());
        Map<Object, Integer> emitted = new HashMap<>();
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : TestBatches.normalizeRows(c.left())) {
            int l = leftCounts.get(row);
            int r = rightCounts.getOrDefault(row, 0);
            int keep = intersect ? Math.min(l, r) : l - r;
            if (!c.all()) {
                keep = intersect ? Math.min(keep, 1) : (r == 0 ? 1 : 0);
            }
            if (emitted.getOrDefault(row, 0) < keep) {
                emitted.merge(row, 1, Integer::sum);
                out.add(row);
            }
        }
        return out;
    }

    private static Map<Object, Integer> counts(List<List<Object>> rows) {
        Map<Object, Integer> counts = new HashMap<>();
        for (List<Object> row : rows) {
            counts.merge(normalize(row), 1, Integer::sum);
        }
        return counts;
    }
}
