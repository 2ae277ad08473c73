package io.tidemark.engine.query.function;

import static io.tidemark.engine.query.function.FunctionCalls.arg;
import static io.tidemark.engine.query.function.FunctionCalls.call;
import static io.tidemark.sql.type.PrimitiveType.BIGINT;
import static io.tidemark.sql.type.PrimitiveType.DOUBLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.type.ArrayType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.WithNull;

class ArrayFunctionsPropertyTest {

    private static final ArrayType BIGINTS = new ArrayType(BIGINT);
    private static final ArrayType DOUBLES = new ArrayType(DOUBLE);

    @Property(tries = 300)
    void sortIsAnOrderedPermutationWithNullsLast(@ForAll @Size(max = 30) List<@WithNull(0.1) Long> values) {
        List<Object> sorted = FunctionCalls.listOf(call("array_sort", BIGINTS, arg(BIGINTS, new ArrayList<>(values))));
        assertThat(sorted).containsExactlyInAnyOrderElementsOf(values);
        int nonNull = (int) values.stream().filter(v -> v != null).count();
        for (int i = 1; i < nonNull; i++) {
            assertThat((Long) sorted.get(i - 1)).isLessThanOrEqualTo((Long) sorted.get(i));
        }
        assertThat(sorted.subList(nonNull, sorted.size())).allMatch(java.util.Objects::isNull);
    }

    @Property(tries = 300)
    void distinctIsIdempotentAndKeepsEveryValueOnce(@ForAll @Size(max = 30) List<@WithNull(0.1) Double> values) {
        Object once = call("array_distinct", DOUBLES, arg(DOUBLES, new ArrayList<>(values)));
        assertThat(call("array_distinct", DOUBLES, arg(DOUBLES, once))).isEqualTo(once);
        List<Object> normalized = new ArrayList<>();
        for (Double value : values) {
            normalized.add(value == null ? null : value == 0.0 ? 0.0 : value);
        }
        List<Object> distinct = FunctionCalls.listOf(once);
        List<Object> normalizedDistinct = new ArrayList<>();
        for (Object value : distinct) {
            normalizedDistinct.add(value == null ? null : (Double) value == 0.0 ? 0.0 : value);
        }
        assertThat(new HashSet<>(normalizedDistinct)).isEqualTo(new HashSet<>(normalized));
        assertThat(normalizedDistinct).doesNotHaveDuplicates();
    }

    @Property(tries = 300)
    void unionAndIntersectAreSetOperations(@ForAll @Size(max = 20) List<Long> left, @ForAll @Size(max = 20) List<Long> right) {
        List<Object> union = FunctionCalls.listOf(call("array_union", BIGINTS, arg(BIGINTS, new ArrayList<>(left)), arg(BIGINTS, new ArrayList<>(right))));
        List<Object> intersection = FunctionCalls.listOf(call("array_intersect", BIGINTS, arg(BIGINTS, new ArrayList<>(left)), arg(BIGINTS, new ArrayList<>(right))));
        List<Object> except = FunctionCalls.listOf(call("array_except", BIGINTS, arg(BIGINTS, new ArrayList<>(left)), arg(BIGINTS, new ArrayList<>(right))));
        HashSet<Long> expectedUnion = new HashSet<>(left);
        expectedUnion.addAll(right);
        HashSet<Long> expectedIntersection = new HashSet<>(left);
        expectedIntersection.retainAll(right);
        HashSet<Long> expectedExcept = new HashSet<>(left);
        expectedExcept.removeAll(right);
        assertThat(union).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedUnion);
        assertThat(intersection).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIntersection);
        assertThat(except).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedExcept);
    }
}
