package io.tidemark.engine.query.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A constant vector's slices and selections (sharing its arrays) hold the same rows as those of
 * the same values built row by row: every storage, null or not, selections with repeated
 * positions and longer than the vector, and slices and selections of those again.
 */
class UniformVectorPropertyTest {

    @Provide
    Arbitrary<Object[]> typedValues() {
        return Arbitraries.of(
                new Object[] {PrimitiveType.BIGINT, 42L}, new Object[] {PrimitiveType.DOUBLE, -0.0},
                new Object[] {PrimitiveType.DOUBLE, 2.5}, new Object[] {PrimitiveType.BOOLEAN, true},
                new Object[] {PrimitiveType.VARCHAR, "host_7"}, new Object[] {PrimitiveType.VARCHAR, null},
                new Object[] {PrimitiveType.DOUBLE, null}, new Object[] {PrimitiveType.BIGINT, null},
                new Object[] {PrimitiveType.BOOLEAN, null}, new Object[] {PrimitiveType.TIMESTAMP, 1_000L});
    }

    private static List<Object> rows(Vector vector) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < vector.size(); i++) {
            rows.add(vector.get(i));
        }
        return rows;
    }

    @Property(tries = 300)
    void slicesAndSelectionsEqualThoseOfTheRowByRowVector(@ForAll("typedValues") Object[] typed,
            @ForAll @IntRange(min = 1, max = 50) int size, @ForAll long seed) {
        SqlType type = (SqlType) typed[0];
        Object value = typed[1];
        Vector constant = Vector.constant(type, value, size);
        VectorBuilder builder = new VectorBuilder(type, size);
        for (int i = 0; i < size; i++) {
            builder.append(value);
        }
        Vector rowByRow = builder.build();
        java.util.Random random = new java.util.Random(seed);
        int count = random.nextInt(2 * size + 1);
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = random.nextInt(size);
        }
        int from = random.nextInt(size + 1);
        int to = from + random.nextInt(size - from + 1);

        Vector selected = constant.select(positions, count);
        assertThat(rows(selected)).isEqualTo(rows(rowByRow.select(positions, count)));
        assertThat(rows(constant.slice(from, to))).isEqualTo(rows(rowByRow.slice(from, to)));
        if (count > 0) {
            int inner = random.nextInt(count);
            assertThat(rows(selected.slice(inner, count))).isEqualTo(rows(rowByRow.select(positions, count).slice(inner, count)));
            assertThat(rows(selected.select(new int[] {inner, 0}, 2))).containsExactly(value, value);
        }
    }
}
