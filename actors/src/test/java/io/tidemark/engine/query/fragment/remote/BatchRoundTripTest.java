package io.tidemark.engine.query.fragment.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.engine.testing.RandomSqlValues;
import io.tidemark.sql.type.ArrayType;
import io.tidemark.sql.type.MapType;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.RowType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.sql.type.TimeSeriesType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Any batch of the types {@link BatchWire} carries reads back with the same column types, row
 * count, values and nulls (random types, sizes 0 to 300, null rates 0 to 100%), and
 * {@link BatchWire#estimateBytes} never underestimates what is written.
 */
class BatchRoundTripTest {

    private static final List<SqlType> TYPES = List.of(PrimitiveType.BOOLEAN, PrimitiveType.INTEGER, PrimitiveType.BIGINT,
            PrimitiveType.DOUBLE, PrimitiveType.VARCHAR, PrimitiveType.TIMESTAMP, PrimitiveType.DATE, PrimitiveType.TIME,
            PrimitiveType.INTERVAL_DAY_TO_SECOND, PrimitiveType.INTERVAL_YEAR_TO_MONTH, new ArrayType(PrimitiveType.BIGINT),
            new MapType(PrimitiveType.VARCHAR, PrimitiveType.DOUBLE),
            new RowType(List.of(RowType.Field.named("t", PrimitiveType.TIMESTAMP), RowType.Field.anonymous(PrimitiveType.DOUBLE))),
            new TimeSeriesType(PrimitiveType.DOUBLE), new ArrayType(new ArrayType(PrimitiveType.VARCHAR)));

    @Property(tries = 200)
    void aBatchReadsBackEqual(@ForAll long seed, @ForAll @IntRange(max = 300) int rows, @ForAll @IntRange(max = 4) int columns,
            @ForAll @IntRange(max = 100) int nullPercent) {
        Random random = new Random(seed);
        List<Vector> vectors = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            SqlType type = TYPES.get(random.nextInt(TYPES.size()));
            VectorBuilder builder = new VectorBuilder(type, rows);
            for (int r = 0; r < rows; r++) {
                builder.append(random.nextInt(100) < nullPercent ? null : VALUES.value(type, random));
            }
            vectors.add(builder.build());
        }
        Batch batch = new Batch(vectors, rows);

        Output out = new Output(1024, -1);
        BatchWire.write(out, batch);
        Batch back = BatchWire.read(new Input(out.toBytes()));

        assertSameBatch(back, batch);
        assertThat(BatchWire.estimateBytes(batch)).isGreaterThanOrEqualTo(out.position());
    }

    private static final RandomSqlValues VALUES = new RandomSqlValues(4, (type, random) -> {
        switch (type) {
            case BOOLEAN:
                return random.nextBoolean();
            case DOUBLE:
                return random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * 1e6 - 5e5;
            case VARCHAR:
                return random.nextInt(10) == 0 ? "" : "v" + random.nextInt(1000) + (random.nextBoolean() ? "é✓" : "");
            default:
                return random.nextInt(10) == 0 ? Long.MIN_VALUE : random.nextLong();
        }
    });

    /** Same column types, row count, and per row the same null-ness and boxed value. */
    static void assertSameBatch(Batch actual, Batch expected) {
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        assertThat(actual.columns().stream().map(Vector::type).toList())
                .isEqualTo(expected.columns().stream().map(Vector::type).toList());
        for (int c = 0; c < expected.columnCount(); c++) {
            for (int r = 0; r < expected.rowCount(); r++) {
                assertThat(actual.column(c).isNull(r)).as("null at column %d row %d", c, r)
                        .isEqualTo(expected.column(c).isNull(r));
                assertThat(actual.column(c).get(r)).as("column %d row %d", c, r).isEqualTo(expected.column(c).get(r));
            }
        }
    }
}
