package io.tidemark.engine.query.operator;

import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random boxed values and rows of a few SQL types, from small domains so that keys repeat, with nulls. */
final class TestValues {

    private TestValues() {
    }

    /** A NaN with other bits than {@link Double#NaN}: grouping must not tell them apart. */
    static final double OTHER_NAN = Double.longBitsToDouble(0x7ff8000000000123L);

    static final SqlType BIGINT_ARRAY = new ArrayType(PrimitiveType.BIGINT);

    static Arbitrary<Object> values(SqlType type) {
        Arbitrary<Object> values;
        if (type == PrimitiveType.BIGINT || type == PrimitiveType.TIMESTAMP || type == PrimitiveType.INTEGER) {
            values = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(-3, 3)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.longs())).map(v -> v);
        } else if (type == PrimitiveType.DOUBLE) {
            values = Arbitraries.of(0.0, -0.0, 1.5, -2.0, Double.NaN, OTHER_NAN, Double.POSITIVE_INFINITY, 1e300).map(v -> v);
        } else if (type == PrimitiveType.BOOLEAN) {
            values = Arbitraries.of(true, false).map(v -> v);
        } else if (type == PrimitiveType.VARCHAR) {
            values = Arbitraries.of("", "a", "b", "abc", "Aa", "BB", "a longer string value").map(v -> v);
        } else if (type.equals(BIGINT_ARRAY)) {
            values = Arbitraries.longs().between(-1, 1).injectNull(0.2).list().ofMaxSize(2).map(v -> v);
        } else {
            throw new IllegalArgumentException("no test values for " + type.displayName());
        }
        return values.injectNull(0.15);
    }

    static Arbitrary<List<Object>> row(List<SqlType> types) {
        List<Arbitrary<Object>> columns = new ArrayList<>();
        for (SqlType type : types) {
            columns.add(values(type));
        }
        if (columns.isEmpty()) {
            return Arbitraries.just(List.of());
        }
        return Combinators.combine(columns).as(ArrayList::new);
    }

    static Arbitrary<List<List<Object>>> rows(List<SqlType> types, int maxRows) {
        return row(types).list().ofMaxSize(maxRows);
    }

    static Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 1000).list().ofMaxSize(4);
    }
}
