package io.tidemark.engine.query.operator;

import static io.tidemark.engine.query.operator.TestBatches.row;
import static io.tidemark.engine.testing.BatchRows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.engine.query.vector.Batch;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** UNNEST of each kind of value, side by side, with ordinality and outer; a property against a boxed reference. */
class UnnestOperatorTest {

    static final SqlType POINTS = new TimeSeriesType(PrimitiveType.DOUBLE);
    static final SqlType PAIRS = new ArrayType(new RowType(List.of(RowType.Field.named("a", PrimitiveType.BIGINT),
            RowType.Field.named("b", PrimitiveType.VARCHAR))));
    static final SqlType HISTOGRAM = new MapType(PrimitiveType.VARCHAR, PrimitiveType.BIGINT);

    @Example
    void arraysSideBySideArePaddedWithNullsAndNumbered() {
        List<SqlType> types = List.of(PrimitiveType.VARCHAR, TestValues.BIGINT_ARRAY, new ArrayType(PrimitiveType.VARCHAR));
        Batch input = TestBatches.batch(types, List.of(
                row("x", List.of(1L, 2L, 3L), List.of("a")),
                row("y", List.of(), null),
                row("z", null, List.of("b", "c"))));
        Batch out = UnnestOperator.apply(input, List.of(1, 2), true, false, TestBatches.context());
        assertThat(rows(out)).containsExactly(
                row("x", List.of(1L, 2L, 3L), List.of("a"), 1L, "a", 1L),
                row("x", List.of(1L, 2L, 3L), List.of("a"), 2L, null, 2L),
                row("x", List.of(1L, 2L, 3L), List.of("a"), 3L, null, 3L),
                row("z", null, List.of("b", "c"), null, "b", 1L),
                row("z", null, List.of("b", "c"), null, "c", 2L));
        assertThat(UnnestOperator.outputTypes(types, List.of(1, 2), true))
                .isEqualTo(out.columns().stream().map(io.tidemark.engine.query.vector.Vector::type).toList());
    }

    @Example
    void outerKeepsRowsWithoutElementsOnceWithNulls() {
        List<SqlType> types = List.of(PrimitiveType.BIGINT, TestValues.BIGINT_ARRAY);
        Batch input = TestBatches.batch(types, List.of(row(1L, List.of()), row(2L, null), row(3L, List.of(7L))));
        Batch out = UnnestOperator.apply(input, List.of(1), true, true, TestBatches.context());
        assertThat(rows(out)).containsExactly(
                row(1L, List.of(), null, null),
                row(2L, null, null, null),
                row(3L, List.of(7L), 7L, 1L));
    }

    @Example
    void arrayOfRowsSpreadsOverTheFieldsAndNullElementsGiveNullFields() {
        Batch input = TestBatches.batch(List.of(PAIRS), List.of(row(List.of(row(1L, "a"), row(2L, null))), row(listOf(null, row(3L, "c")))));
        Batch out = UnnestOperator.apply(input, List.of(0), false, false, TestBatches.context());
        assertThat(out.columnCount()).isEqualTo(3);
        assertThat(out.column(1).type()).isEqualTo(PrimitiveType.BIGINT);
        assertThat(out.column(2).type()).isEqualTo(PrimitiveType.VARCHAR);
        assertThat(rows(out).stream().map(r -> r.subList(1, 3)).toList())
                .containsExactly(row(1L, "a"), row(2L, null), row(null, null), row(3L, "c"));
    }

    @Example
    void mapsGiveKeysAndValuesAndTimeseriesGiveTimesAndValues() {
        Map<String, Long> histogram = new LinkedHashMap<>();
        histogram.put("b", 2L);
        histogram.put("a", null);
        List<Object> series = List.of(List.of(10L, 1.5), List.of(20L, 2.5), List.of(30L, -1.0));
        Batch input = TestBatches.batch(List.of(HISTOGRAM, POINTS), List.of(row(histogram, series)));
        Batch out = UnnestOperator.apply(input, List.of(0, 1), true, false, TestBatches.context());
        assertThat(out.column(2).type()).isEqualTo(PrimitiveType.VARCHAR);
        assertThat(out.column(4).type()).isEqualTo(PrimitiveType.TIMESTAMP);
        assertThat(out.column(5).type()).isEqualTo(PrimitiveType.DOUBLE);
        assertThat(rows(out).stream().map(r -> r.subList(2, 7)).toList()).containsExactly(
                row("b", 2L, 10L, 1.5, 1L),
                row("a", null, 20L, 2.5, 2L),
                row(null, null, 30L, -1.0, 3L));
    }

    @Example
    void aValueThatCannotBeUnnestedIsAClearError() {
        Batch input = TestBatches.batch(List.of(PrimitiveType.BIGINT), List.of(row(1L)));
        assertThatThrownBy(() -> UnnestOperator.apply(input, List.of(0), false, false, TestBatches.context()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot unnest a value of type bigint");
    }

    record Case(List<List<Object>> rows, boolean withOrdinality, boolean outer) {
    }

    /** Input {@code (id bigint, array(bigint), map(varchar, bigint), timeseries(double), array(row(a bigint, b varchar)))}. */
    static final List<SqlType> KINDS = List.of(PrimitiveType.BIGINT, TestValues.BIGINT_ARRAY, HISTOGRAM, POINTS, PAIRS);

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Object> array = Arbitraries.longs().between(0, 9).injectNull(0.1).list().ofMaxSize(4).injectNull(0.2).map(v -> v);
        Arbitrary<Object> map = Arbitraries.strings().withChars("abcdef").ofLength(1).list().ofMaxSize(4)
                .map(keys -> {
                    Map<String, Long> out = new LinkedHashMap<>();
                    keys.forEach(k -> out.put(k, (long) k.charAt(0)));
                    return (Object) out;
                }).injectNull(0.2);
        Arbitrary<Object> series = Arbitraries.doubles().between(-5, 5).injectNull(0.1).list().ofMaxSize(3)
                .map(values -> {
                    List<Object> points = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) {
                        points.add(listOf(1000L * i, values.get(i)));
                    }
                    return (Object) points;
                }).injectNull(0.2);
        Arbitrary<Object> pairs = Combinators.combine(Arbitraries.longs().between(0, 3).injectNull(0.2), Arbitraries.of("p", "q").injectNull(0.2))
                .as(TestBatches::row).injectNull(0.1).list().ofMaxSize(3).injectNull(0.2).map(v -> v);
        Arbitrary<List<Object>> row = Combinators.combine(Arbitraries.longs().between(0, 100), array, map, series, pairs).as(TestBatches::row);
        return Combinators.combine(row.list().ofMaxSize(30), Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Case::new);
    }

    @Property(tries = 300)
    void unnestEqualsTheBoxedReference(@ForAll("cases") Case c) {
        List<Integer> channels = List.of(2, 1, 3, 4);
        Batch out = UnnestOperator.apply(TestBatches.batch(KINDS, c.rows()), channels, c.withOrdinality(), c.outer(), TestBatches.context());
        assertThat(out.columns().stream().map(io.tidemark.engine.query.vector.Vector::type).toList())
                .isEqualTo(UnnestOperator.outputTypes(KINDS, channels, c.withOrdinality()));
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> input : c.rows()) {
            // every unnested value as a list of element rows (map entries, points and rows spread into their fields)
            List<List<List<Object>>> elements = new ArrayList<>();
            List<Integer> widths = new ArrayList<>();
            for (int channel : channels) {
                Object value = input.get(channel);
                List<List<Object>> rows = new ArrayList<>();
                if (value instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> rows.add(listOf(k, v)));
                } else if (value != null) {
                    for (Object element : (List<?>) value) {
                        rows.add(channel == 1 ? listOf(element) : element == null ? listOf(null, null) : listOf(((List<?>) element).toArray()));
                    }
                }
                elements.add(rows);
                widths.add(channel == 1 ? 1 : 2);
            }
            int length = elements.stream().mapToInt(List::size).max().orElse(0);
            for (int e = 0; e < Math.max(length, c.outer() ? 1 : 0); e++) {
                List<Object> row = new ArrayList<>(input);
                for (int u = 0; u < channels.size(); u++) {
                    row.addAll(e < elements.get(u).size() ? elements.get(u).get(e) : java.util.Collections.nCopies(widths.get(u), null));
                }
                if (c.withOrdinality()) {
                    row.add(length == 0 ? null : (long) e + 1);
                }
                expected.add(row);
            }
        }
        assertThat(rows(out)).isEqualTo(expected);
    }

    private static List<Object> listOf(Object... values) {
        return java.util.Arrays.asList(values);
    }
}
