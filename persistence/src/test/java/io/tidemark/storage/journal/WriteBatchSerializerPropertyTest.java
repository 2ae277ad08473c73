package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Output;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.serialization.KryoPool;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random batches, including awkward values, come back from Kryo exactly as they went in, and are
 * written as the same bytes whichever way the output takes them.
 */
class WriteBatchSerializerPropertyTest {

    private static final KryoPool KRYO = TestBatches.kryo();
    private static final MeasureType[] SCALARS = {
        MeasureType.DOUBLE, MeasureType.BIGINT, MeasureType.VARCHAR, MeasureType.BOOLEAN, MeasureType.TIMESTAMP
    };
    private static final double[] DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 1e308};
    private static final long[] LONGS = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 127L, 128L};
    private static final String[] STRINGS = {"", "a", "ab", "x".repeat(33), "żółw ☃ 🐢", "\u0000", "é".repeat(70)};

    @Property(tries = 300)
    void roundTripsExactly(@ForAll long seed, @ForAll @IntRange(max = 300) int rows, @ForAll @IntRange(max = 6) int columns) {
        WriteBatch batch = randomBatch(new Random(seed), rows, columns);
        assertThat(KRYO.readClassAndObject(KRYO.writeClassAndObject(batch))).isEqualTo(batch);
    }

    /** The arrays written straight into a roomy buffer come out as the bytes Kryo's own writers produce. */
    @Property(tries = 200)
    void writesKryosBytesIntoARoomyBuffer(@ForAll long seed, @ForAll @IntRange(max = 300) int rows,
                                          @ForAll @IntRange(max = 6) int columns) {
        WriteBatch batch = randomBatch(new Random(seed), rows, columns);
        Output roomy = new Output(1 << 20);
        KRYO.with(k -> k.writeClassAndObject(roomy, batch));
        ByteArrayOutputStream kryosOwn = new ByteArrayOutputStream();
        Output streamed = new Output(kryosOwn, 64);
        KRYO.with(k -> k.writeClassAndObject(streamed, batch));
        streamed.flush();
        assertThat(roomy.toBytes()).isEqualTo(kryosOwn.toByteArray());
    }

    private static WriteBatch randomBatch(Random random, int rows, int columnCount) {
        WriteBatchBuilder b = WriteBatch.builder(pick(random, STRINGS) + "t", random.nextInt(1 << 20));
        List<Integer> series = new ArrayList<>();
        int seriesCount = 1 + random.nextInt(5);
        for (int s = 0; s < seriesCount; s++) {
            List<Dimension> dims = new ArrayList<>();
            int dimensionCount = random.nextInt(4);
            for (int d = 0; d < dimensionCount; d++) {
                dims.add(new Dimension("d" + d, pick(random, STRINGS)));
            }
            series.add(b.series(SeriesKey.of(dims, pick(random, STRINGS))));
        }
        int[] columns = new int[columnCount];
        MeasureType[] types = new MeasureType[columnCount];
        for (int c = 0; c < columnCount; c++) {
            types[c] = SCALARS[random.nextInt(SCALARS.length)];
            columns[c] = b.column("c" + c, types[c]);
        }
        for (int r = 0; r < rows; r++) {
            b.addRow(series.get(random.nextInt(series.size())), random.nextLong(), random.nextBoolean() ? 1 : random.nextLong());
            for (int c = 0; c < columnCount; c++) {
                if (random.nextInt(4) == 0) {
                    continue; // absent
                }
                switch (types[c]) {
                    case DOUBLE:
                        b.setDouble(columns[c], random.nextBoolean() ? random.nextDouble() : DOUBLES[random.nextInt(DOUBLES.length)]);
                        break;
                    case BOOLEAN:
                        b.setBoolean(columns[c], random.nextBoolean());
                        break;
                    case VARCHAR:
                        b.setString(columns[c], pick(random, STRINGS));
                        break;
                    default:
                        b.setLong(columns[c], random.nextBoolean() ? random.nextLong() : LONGS[random.nextInt(LONGS.length)]);
                        break;
                }
            }
        }
        return b.build();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
