package io.tidemark.engine.query.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Concatenating batches keeps every row's value and nullness, in order, for every storage. */
class BatchConcatTest {

    private static final List<SqlType> TYPES = List.of(PrimitiveType.BIGINT, PrimitiveType.DOUBLE, PrimitiveType.BOOLEAN, PrimitiveType.VARCHAR);

    @Property(tries = 200)
    void concatenationKeepsRowsInOrder(@ForAll @Size(max = 6) List<@IntRange(max = 40) Integer> sizes, @ForAll long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<Batch> batches = new ArrayList<>();
        List<List<Object>> expected = new ArrayList<>();
        for (int size : sizes) {
            List<Vector> columns = new ArrayList<>();
            List<List<Object>> rows = new ArrayList<>();
            for (int r = 0; r < size; r++) {
                rows.add(new ArrayList<>());
            }
            for (SqlType type : TYPES) {
                VectorBuilder builder = new VectorBuilder(type, size);
                for (int r = 0; r < size; r++) {
                    Object value = random.nextInt(4) == 0 ? null : sample(type, random);
                    builder.append(value);
                    rows.get(r).add(value);
                }
                columns.add(builder.build());
            }
            batches.add(new Batch(columns, size));
            expected.addAll(rows);
        }
        Batch joined = Batch.concat(batches, TYPES);
        assertThat(joined.rowCount()).isEqualTo(expected.size());
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < TYPES.size(); c++) {
                assertThat(joined.column(c).get(r)).isEqualTo(expected.get(r).get(c));
            }
        }
    }

    @net.jqwik.api.Example
    void noBatchesMakeNoRowsOfEachType() {
        Batch joined = Batch.concat(List.of(), TYPES);
        assertThat(joined.rowCount()).isZero();
        assertThat(joined.columns()).extracting(Vector::type).containsExactlyElementsOf(TYPES);
    }

    @Property(tries = 50)
    void aColumnOfBareNullsJoinsAnyType(@ForAll @IntRange(max = 20) int nullRows, @ForAll @IntRange(max = 20) int valueRows) {
        Vector values = Vector.constant(PrimitiveType.BIGINT, 7L, valueRows);
        Vector nulls = Vector.nulls(PrimitiveType.UNKNOWN, nullRows);
        Vector joined = Vector.concat(PrimitiveType.BIGINT, List.of(values, nulls), valueRows + nullRows);
        for (int r = 0; r < valueRows + nullRows; r++) {
            assertThat(joined.get(r)).isEqualTo(r < valueRows ? (Object) 7L : null);
        }
    }

    private static Object sample(SqlType type, java.util.Random random) {
        switch ((PrimitiveType) type) {
            case BIGINT:
                return random.nextLong();
            case DOUBLE:
                return random.nextDouble();
            case BOOLEAN:
                return random.nextBoolean();
            default:
                return "s" + random.nextInt(100);
        }
    }
}
