package io.tidemark.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.MeasureType;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The stats of a range of rows ({@link ColumnStats.DoubleStats#of}, {@link ColumnStats.LongStats#of}),
 * which a reader works out over decoded values, are the header stats of a chunk of just those rows.
 */
class ColumnStatsRangePropertyTest {

    private static final List<ColumnSpec> COLUMNS = List.of(new ColumnSpec("d", MeasureType.DOUBLE),
            new ColumnSpec("l", MeasureType.BIGINT));

    /** One row's values; null is absent. */
    record Row(Double d, Long l) {
    }

    /** Rows and a non-empty range of them. */
    record Sample(List<Row> rows, int from, int to) {
    }

    @Provide
    Arbitrary<Sample> samples() {
        Arbitrary<Double> d = Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(Double.NaN, -0.0, 0.0,
                Double.NEGATIVE_INFINITY, 0.25)).injectNull(0.2);
        Arbitrary<Long> l = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-3, 3),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE)).injectNull(0.2);
        return Combinators.combine(d, l).as(Row::new).list().ofMinSize(1).ofMaxSize(200).flatMap(rows ->
                Arbitraries.integers().between(0, rows.size() - 1).flatMap(from ->
                        Arbitraries.integers().between(from + 1, rows.size()).map(to -> new Sample(rows, from, to))));
    }

    @Property(tries = 300)
    void statsOfARangeAreTheHeaderStatsOfAChunkOfThoseRows(@ForAll("samples") Sample sample) {
        List<Row> rows = sample.rows();
        int n = rows.size();
        double[] doubles = new double[n];
        long[] longs = new long[n];
        boolean[] hasDouble = new boolean[n];
        boolean[] hasLong = new boolean[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            hasDouble[i] = row.d() != null;
            doubles[i] = hasDouble[i] ? row.d() : 7.0;
            hasLong[i] = row.l() != null;
            longs[i] = hasLong[i] ? row.l() : 7L;
        }
        ChunkStats header = seal(rows.subList(sample.from(), sample.to())).stats();

        assertThat(ColumnStats.DoubleStats.of(doubles, hasDouble, sample.from(), sample.to())).isEqualTo(header.column(0));
        assertThat(ColumnStats.LongStats.of(longs, hasLong, sample.from(), sample.to())).isEqualTo(header.column(1));
        if (allTrue(hasDouble, sample.from(), sample.to())) {
            assertThat(ColumnStats.DoubleStats.of(doubles, null, sample.from(), sample.to())).isEqualTo(header.column(0));
        }
    }

    private static boolean allTrue(boolean[] flags, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!flags[i]) {
                return false;
            }
        }
        return true;
    }

    private static SealedChunk seal(List<Row> rows) {
        OpenChunk open = new OpenChunk(COLUMNS);
        for (int i = 0; i < rows.size(); i++) {
            int row = open.append(i, 0);
            if (rows.get(i).d() != null) {
                open.setDouble(0, row, rows.get(i).d());
            }
            if (rows.get(i).l() != null) {
                open.setLong(1, row, rows.get(i).l());
            }
        }
        return SealedChunk.wrap(open.seal().bytes());
    }
}
