package io.tidemark.engine.query.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.query.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The lazy forms (CASE, coalesce, AND/OR whose later terms may fail and so run on a selection of
 * rows) give what a boxed row-at-a-time evaluation gives, over random columns with nulls, and never
 * raise the error of a branch no row takes.
 */
class LazyFormsPropertyTest {

    private static final Map<String, VectorExpression> COMPILED = new ConcurrentHashMap<>();

    private final ExpressionHarness harness = new ExpressionHarness();

    /** One row: p, q boolean; a, b bigint (small, with zeros so a division by them would fail). */
    record Row(Boolean p, Boolean q, Long a, Long b) {
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<Boolean> bool = Arbitraries.of(true, false).injectNull(0.25);
        Arbitrary<Long> number = Arbitraries.longs().between(-3, 3).injectNull(0.25);
        return Combinators.combine(bool, bool, number, number).as(Row::new).list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 200)
    void lazyFormsMatchRowAtATimeEvaluation(@ForAll("rows") List<Row> rows) {
        Batch batch = ExpressionHarness.rows(rows.size()).with("p", rows.stream().map(Row::p).toArray()).with("q", rows.stream().map(Row::q).toArray())
                .with("a", rows.stream().map(Row::a).toArray()).with("b", rows.stream().map(Row::b).toArray()).build();
        check("CASE WHEN p THEN a WHEN q THEN b ELSE -1 END", batch, rows,
                r -> isTrue(r.p()) ? r.a() : isTrue(r.q()) ? r.b() : Long.valueOf(-1));
        check("CASE WHEN b <> 0 THEN a / b END", batch, rows, r -> isTrue(notEqualZero(r.b())) && r.a() != null ? Long.valueOf(r.a() / r.b()) : null);
        check("coalesce(a, b, 7)", batch, rows, r -> r.a() != null ? r.a() : r.b() != null ? r.b() : Long.valueOf(7));
        check("p AND if(true, q)", batch, rows, r -> and(r.p(), r.q()));
        check("p OR if(true, q)", batch, rows, r -> or(r.p(), r.q()));
        check("(b <> 0 AND a / b >= 0) OR p", batch, rows, r -> or(Boolean.FALSE.equals(notEqualZero(r.b())) ? Boolean.FALSE
                : and(notEqualZero(r.b()), quotientNotNegative(r.a(), r.b())), r.p()));
        check("if(a = 0, 0, 6 / a)", batch, rows, r -> r.a() == null ? null : r.a() == 0 ? Long.valueOf(0) : Long.valueOf(6 / r.a()));
    }

    private void check(String expression, Batch batch, List<Row> rows, java.util.function.Function<Row, Object> reference) {
        VectorExpression compiled = COMPILED.computeIfAbsent(expression, text -> harness.compile(text).compiled());
        List<Object> expected = new ArrayList<>();
        rows.forEach(row -> expected.add(reference.apply(row)));
        assertThat(ExpressionHarness.values(compiled.evaluate(batch, ExpressionHarness.CONTEXT))).as(expression).isEqualTo(expected);
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private static Boolean notEqualZero(Long value) {
        return value == null ? null : value != 0;
    }

    private static Boolean quotientNotNegative(Long a, Long b) {
        return a == null || b == null ? null : a / b >= 0;
    }

    private static Boolean and(Boolean x, Boolean y) {
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
            return false;
        }
        return x == null || y == null ? null : Boolean.TRUE;
    }

    private static Boolean or(Boolean x, Boolean y) {
        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
            return true;
        }
        return x == null || y == null ? null : Boolean.FALSE;
    }
}
