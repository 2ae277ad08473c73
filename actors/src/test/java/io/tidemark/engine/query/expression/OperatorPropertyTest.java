package io.tidemark.engine.query.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.function.QueryFunctionException;
import io.tidemark.engine.query.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The vectorized arithmetic and comparison loops (column op column, column op constant, constant
 * op column) agree with a boxed row-by-row evaluation of SQL semantics over random long and
 * double columns with random nulls, including overflow and division by zero.
 */
class OperatorPropertyTest {

    private static final String[] ARITHMETIC = {"+", "-", "*", "/", "%"};
    private static final String[] COMPARISONS = {"=", "<>", "<", "<=", ">", ">="};

    private final ExpressionHarness harness = new ExpressionHarness();
    /** Compiled once per expression text: the tries vary the data, and compiling is the slow part. */
    private static final java.util.Map<String, VectorExpression> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    @Provide
    Arbitrary<List<Tuple.Tuple2<Long, Long>>> longRows() {
        Arbitrary<Long> value = Arbitraries.oneOf(Arbitraries.longs().between(-20, 20), Arbitraries.longs(),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L)).injectNull(0.15);
        return net.jqwik.api.Combinators.combine(value, value).as(Tuple::of).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Double, Double>>> doubleRows() {
        Arbitrary<Double> value = Arbitraries.oneOf(Arbitraries.integers().between(-400, 400).map(i -> i / 4.0), Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0)).injectNull(0.15);
        return net.jqwik.api.Combinators.combine(value, value).as(Tuple::of).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 150)
    void bigintOperatorsMatchTheBoxedReference(@ForAll("longRows") List<Tuple.Tuple2<Long, Long>> rows,
            @ForAll @IntRange(min = 0, max = 10) int operator, @ForAll @IntRange(min = -3, max = 3) int constant) {
        Batch batch = ExpressionHarness.rows(rows.size()).with("a", rows.stream().map(Tuple.Tuple2::get1).toArray())
                .with("b", rows.stream().map(Tuple.Tuple2::get2).toArray()).build();
        String op = operator < 5 ? ARITHMETIC[operator] : COMPARISONS[operator - 5];
        check("a " + op + " b", batch, rows, (x, y) -> reference(op, x, y));
        check("a " + op + " " + constant, batch, rows, (x, y) -> reference(op, x, (long) constant));
        check(constant + " " + op + " b", batch, rows, (x, y) -> reference(op, (long) constant, y));
    }

    @Property(tries = 150)
    void doubleOperatorsMatchTheBoxedReference(@ForAll("doubleRows") List<Tuple.Tuple2<Double, Double>> rows,
            @ForAll @IntRange(min = 0, max = 10) int operator, @ForAll @IntRange(min = -3, max = 3) int constant) {
        Batch batch = ExpressionHarness.rows(rows.size()).with("x", rows.stream().map(Tuple.Tuple2::get1).toArray())
                .with("y", rows.stream().map(Tuple.Tuple2::get2).toArray()).build();
        String op = operator < 5 ? ARITHMETIC[operator] : COMPARISONS[operator - 5];
        double c = constant + 0.5;
        check("x " + op + " y", batch, rows, (x, y) -> reference(op, x, y));
        check("x " + op + " " + c, batch, rows, (x, y) -> reference(op, x, c));
        check(c + " " + op + " y", batch, rows, (x, y) -> reference(op, c, y));
    }

    private <T> void check(String expression, Batch batch, List<Tuple.Tuple2<T, T>> rows, BiFunction<T, T, Object> reference) {
        List<Object> expected = new ArrayList<>();
        boolean fails = false;
        for (Tuple.Tuple2<T, T> row : rows) {
            try {
                expected.add(reference.apply(row.get1(), row.get2()));
            } catch (ArithmeticException e) {
                fails = true;
            }
        }
        if (fails) {
            assertThatThrownBy(() -> evaluate(expression, batch)).as(expression).isInstanceOf(QueryFunctionException.class);
        } else {
            assertThat(evaluate(expression, batch)).as(expression).isEqualTo(expected);
        }
    }

    private List<Object> evaluate(String expression, Batch batch) {
        VectorExpression vectorized = COMPILED.computeIfAbsent(expression, text -> harness.compile(text).compiled());
        return ExpressionHarness.values(vectorized.evaluate(batch, ExpressionHarness.CONTEXT));
    }

    /** SQL semantics on boxed longs; ArithmeticException where the query must fail. */
    private static Object reference(String op, Long x, Long y) {
        if (x == null || y == null) {
            return null;
        }
        switch (op) {
            case "+":
                return Math.addExact(x, y);
            case "-":
                return Math.subtractExact(x, y);
            case "*":
                return Math.multiplyExact(x, y);
            case "/":
                if (x == Long.MIN_VALUE && y == -1) {
                    throw new ArithmeticException("overflow");
                }
                return x / y;
            case "%":
                return x % y;
            default:
                return compare(op, Long.compare(x, y));
        }
    }

    private static Object reference(String op, Double x, Double y) {
        if (x == null || y == null) {
            return null;
        }
        double a = x;
        double b = y;
        switch (op) {
            case "+":
                return a + b;
            case "-":
                return a - b;
            case "*":
                return a * b;
            case "/":
                return a / b;
            case "%":
                return a % b;
            case "=":
                return a == b;
            case "<>":
                return a != b;
            case "<":
                return a < b;
            case "<=":
                return a <= b;
            case ">":
                return a > b;
            default:
                return a >= b;
        }
    }

    private static boolean compare(String op, int comparison) {
        switch (op) {
            case "=":
                return comparison == 0;
            case "<>":
                return comparison != 0;
            case "<":
                return comparison < 0;
            case "<=":
                return comparison <= 0;
            case ">":
                return comparison > 0;
            default:
                return comparison >= 0;
        }
    }
}
