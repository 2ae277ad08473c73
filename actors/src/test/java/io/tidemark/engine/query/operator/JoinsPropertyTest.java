package io.tidemark.engine.query.operator;

import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.QueryContext;
import io.tidemark.engine.query.operator.Joins.Type;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Joins of every type against a nested-loop reference, over {@code (k bigint, s varchar, id bigint)} on both sides
 * with repeated and null keys, with and without the residual {@code (l.id + r.id) % 3 <> 0 AND l.s IS NOT NULL}
 * (null, so not a match, when {@code l.s} is null). The reference fixes the order too: left order, each left row's
 * matches in right order or its padded row, then the unmatched right rows.
 */
class JoinsPropertyTest {

    static final List<SqlType> SIDE = List.of(PrimitiveType.BIGINT, PrimitiveType.VARCHAR, PrimitiveType.BIGINT);
    static final List<List<Integer>> KEYS = List.of(List.of(), List.of(0), List.of(1), List.of(0, 1));

    record Case(List<List<Object>> left, List<List<Object>> right, Type type, List<Integer> keys, boolean withResidual, int blockPairs) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<List<Object>> row = Combinators.combine(Arbitraries.longs().between(-2, 2).injectNull(0.2),
                Arbitraries.of("a", "b", "c").injectNull(0.2)).as(TestBatches::row);
        Arbitrary<List<List<Object>>> rows = row.list().ofMaxSize(40).map(JoinsPropertyTest::withIds);
        Arbitrary<Integer> blockPairs = Arbitraries.of(1, 2, 3, 7, 64, Joins.BLOCK_PAIRS);
        return Combinators.combine(rows, rows, Arbitraries.of(Type.values()), Arbitraries.of(KEYS), Arbitraries.of(true, false), blockPairs)
                .as((left, right, type, keys, residual, block) -> new Case(left, right, type, type == Type.CROSS ? List.of() : keys, residual, block));
    }

    @Property(tries = 500)
    void joinEqualsNestedLoopReference(@ForAll("cases") Case c) {
        check(c);
    }

    /** 300 x 300 candidates without keys: with the real block size, the residual sees two blocks. */
    @Example
    void nestedLoopOverTwoBlocks() {
        List<List<Object>> left = new ArrayList<>();
        List<List<Object>> right = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            left.add(TestBatches.row(1L, i % 7 == 0 ? "x" : null));
            right.add(TestBatches.row(1L, "z"));
        }
        check(new Case(withIds(left), withIds(right), Type.FULL, List.of(), true, Joins.BLOCK_PAIRS));
    }

    private static void check(Case c) {
        QueryContext context = TestBatches.context();
        Optional<Function<Batch, Vector>> residual = c.withResidual() ? Optional.of(JoinsPropertyTest::residual) : Optional.empty();
        Batch joined = Joins.join(TestBatches.batch(SIDE, c.left()), TestBatches.batch(SIDE, c.right()), c.type(), c.keys(), c.keys(),
                residual, context, c.blockPairs());
        assertThat(joined.columnCount()).isEqualTo(6);
        assertThat(rows(joined)).isEqualTo(reference(c));
        assertThat(context.reservedMemory()).isZero();
    }

    /** {@code (l.id + r.id) % 3 <> 0}, null when {@code l.s} is null. */
    private static Vector residual(Batch candidates) {
        int rows = candidates.rowCount();
        boolean[] values = new boolean[rows];
        boolean[] nulls = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            nulls[i] = candidates.column(1).isNull(i);
            values[i] = (candidates.column(2).getLong(i) + candidates.column(5).getLong(i)) % 3 != 0;
        }
        return Vector.ofBooleans(PrimitiveType.BOOLEAN, values, nulls, rows);
    }

    private static boolean residualHolds(List<Object> l, List<Object> r) {
        return l.get(1) != null && ((Long) l.get(2) + (Long) r.get(2)) % 3 != 0;
    }

    static List<List<Object>> reference(Case c) {
        boolean padLeft = c.type() == Type.LEFT || c.type() == Type.FULL;
        boolean padRight = c.type() == Type.RIGHT || c.type() == Type.FULL;
        boolean[] rightMatched = new boolean[c.right().size()];
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> l : c.left()) {
            boolean matched = false;
            for (int r = 0; r < c.right().size(); r++) {
                List<Object> right = c.right().get(r);
                boolean keysEqual = c.keys().stream().allMatch(k -> l.get(k) != null && Objects.equals(l.get(k), right.get(k)));
                if (keysEqual && (!c.withResidual() || residualHolds(l, right))) {
                    out.add(concat(l, right));
                    matched = true;
                    rightMatched[r] = true;
                }
            }
            if (!matched && padLeft) {
                out.add(concat(l, Collections.nCopies(3, null)));
            }
        }
        if (padRight) {
            for (int r = 0; r < c.right().size(); r++) {
                if (!rightMatched[r]) {
                    out.add(concat(Collections.nCopies(3, null), c.right().get(r)));
                }
            }
        }
        return out;
    }

    private static List<Object> concat(List<Object> left, List<Object> right) {
        List<Object> row = new ArrayList<>(left);
        row.addAll(right);
        return row;
    }

    static List<List<Object>> withIds(List<List<Object>> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = new ArrayList<>(rows.get(i).subList(0, 2));
            row.add((long) i);
            out.add(row);
        }
        return out;
    }
}
