package io.tidemark.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.MeasureType;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * A sealed chunk's slice stats ({@link SliceStats}) are, slice by slice, the stats of the rows whose
 * times fall in the slice ({@link ColumnStats.DoubleStats#of}, {@link ColumnStats.LongStats#of},
 * first and last left unknown), for rows with gaps, absent values, NaN, ±0.0, infinities and
 * BIGINT sums that overflow; and a chunk has them exactly when it spans two slices or more with
 * enough rows per slice.
 */
class SliceStatsPropertyTest {

    private static final long SECOND = 1_000_000_000L;
    private static final List<ColumnSpec> COLUMNS = List.of(new ColumnSpec("d", MeasureType.DOUBLE),
            new ColumnSpec("l", MeasureType.BIGINT), new ColumnSpec("s", MeasureType.VARCHAR),
            new ColumnSpec("t", MeasureType.TIMESTAMP));

    /** One row: seconds since the previous row, then its values (null: absent). */
    record Row(long step, Double d, Long l, Long t) {
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<Long> step = Arbitraries.frequencyOf(Tuple.of(400, Arbitraries.longs().between(1, 20)),
                Tuple.of(1, Arbitraries.longs().between(1_000, 8_000))).withoutEdgeCases();
        Arbitrary<Double> d = Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.integers().between(-50, 50).map(i -> i * 0.5),
                Arbitraries.of(Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).injectNull(0.1);
        Arbitrary<Long> l = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-3, 3),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE)).injectNull(0.1);
        Arbitrary<Long> t = Arbitraries.longs().between(-5 * SECOND, 5 * SECOND).injectNull(0.5);
        return Combinators.combine(step, d, l, t).as(Row::new).list().ofMinSize(1).ofMaxSize(1500)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 100)
    void sliceStatsAreTheStatsOfEachSlicesRows(@ForAll("rows") List<Row> rows,
            @ForAll("starts") long start) {
        int n = rows.size();
        long[] times = new long[n];
        double[] doubles = new double[n];
        long[] longs = new long[n];
        long[] stamps = new long[n];
        boolean[] hasDouble = new boolean[n];
        boolean[] hasLong = new boolean[n];
        boolean[] hasStamp = new boolean[n];
        OpenChunk open = new OpenChunk(COLUMNS);
        long time = start;
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            time += row.step() * SECOND;
            times[i] = time;
            int at = open.append(time, 1);
            open.setVarchar(2, at, i % 2 == 0 ? "a" : null);
            if (row.d() != null) {
                hasDouble[i] = true;
                doubles[i] = row.d();
                open.setDouble(0, at, row.d());
            }
            if (row.l() != null) {
                hasLong[i] = true;
                longs[i] = row.l();
                open.setLong(1, at, row.l());
            }
            if (row.t() != null) {
                hasStamp[i] = true;
                stamps[i] = row.t();
                open.setLong(3, at, row.t());
            }
        }
        SealedChunk chunk = SealedChunk.wrap(open.seal().bytes());
        long width = SliceStats.WRITER_WIDTH_NANOS;
        long sliceCount = Math.floorDiv(times[n - 1], width) - Math.floorDiv(times[0], width) + 1;
        Optional<SliceStats> read = chunk.sliceStats();

        assertThat(read.isPresent()).as("slice stats of %s rows over %s slices", n, sliceCount)
                .isEqualTo(sliceCount >= 2 && sliceCount * SliceStats.MIN_ROWS_PER_SLICE <= n);
        Statistics.label("slice stats").collect(read.isPresent())
                .coverage(coverage -> coverage.check(true).percentage(p -> p >= 20));
        assertThat(chunk.bytes()[ChunkLayout.VERSION_OFFSET]).isEqualTo((byte) (read.isPresent() ? 2 : 1));
        if (read.isEmpty()) {
            return;
        }
        SliceStats slices = read.get();
        assertThat(slices.count()).isEqualTo(sliceCount);
        assertThat(slices.hasColumn(2)).isFalse();
        int from = 0;
        for (int s = 0; s < slices.count(); s++) {
            long end = slices.start(s) + width;
            assertThat(slices.start(s)).isLessThanOrEqualTo(times[from]);
            int to = from;
            while (to < n && times[to] < end) {
                to++;
            }
            assertThat(slices.rows(s)).as("rows of slice %s", s).isEqualTo(to - from);
            if (to > from) {
                ColumnStats.DoubleStats d = ColumnStats.DoubleStats.of(doubles, hasDouble, from, to);
                assertThat(slices.column(0, s)).isEqualTo(new ColumnStats.DoubleStats(d.nonNullCount(), d.min(), d.max(),
                        d.sum(), Double.NaN, Double.NaN));
                assertThat(slices.column(1, s)).isEqualTo(withoutEnds(ColumnStats.LongStats.of(longs, hasLong, from, to)));
                assertThat(slices.column(3, s)).isEqualTo(withoutEnds(ColumnStats.LongStats.of(stamps, hasStamp, from, to)));
            }
            from = to;
        }
        assertThat(from).isEqualTo(n);
    }

    @Provide
    Arbitrary<Long> starts() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-100_000 * SECOND, 100_000 * SECOND),
                Arbitraries.just(1_451_606_400L * SECOND - 1));
    }

    private static ColumnStats.LongStats withoutEnds(ColumnStats.LongStats l) {
        return l.nonNullCount() == 0 ? l : new ColumnStats.LongStats(l.nonNullCount(), l.min(), l.max(), l.sum(),
                l.sumOverflowed(), 0, 0);
    }
}
