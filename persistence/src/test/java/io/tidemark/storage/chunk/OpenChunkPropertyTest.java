package io.tidemark.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.storage.model.MeasureType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Seal and merge against a plain model: a sorted map from time to the winning row. */
class OpenChunkPropertyTest {

    private static final List<ColumnSpec> COLUMNS = List.of(new ColumnSpec("d", MeasureType.DOUBLE),
            new ColumnSpec("l", MeasureType.BIGINT), new ColumnSpec("b", MeasureType.BOOLEAN),
            new ColumnSpec("s", MeasureType.VARCHAR));

    /** One appended row; a null value is absent. */
    record Row(long time, long version, Double d, Long l, Boolean b, String s) {
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<Long> time = Arbitraries.oneOf(Arbitraries.longs().between(0, 40),
                Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L), Arbitraries.longs());
        Arbitrary<Double> d = Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(Double.NaN, -0.0,
                Double.POSITIVE_INFINITY, 0.5)).injectNull(0.3);
        Arbitrary<Long> l = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(-5, 5)).injectNull(0.3);
        Arbitrary<Boolean> b = Arbitraries.of(true, false).injectNull(0.3);
        Arbitrary<String> s = Arbitraries.of("up", "down", "").injectNull(0.3);
        return Combinators.combine(time, Arbitraries.longs().between(0, 3), d, l, b, s).as(Row::new)
                .list().ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 200)
    void sealKeepsPerTimeTheHighestVersionLatestRow(@ForAll("rows") List<Row> rows) {
        assertMatchesModel(seal(rows), rows);
    }

    @Property(tries = 100)
    void mergeOfConsecutivePartsEqualsSealingEverything(@ForAll("rows") List<Row> rows,
            @ForAll @IntRange(min = 1, max = 5) int parts) {
        List<SealedChunk> chunks = new ArrayList<>();
        int size = (rows.size() + parts - 1) / parts;
        for (int from = 0; from < rows.size(); from += size) {
            chunks.add(seal(rows.subList(from, Math.min(rows.size(), from + size))));
        }
        SealedChunk merged = SealedChunk.merge(chunks);

        assertMatchesModel(merged, rows);
        assertThat(merged.bytes()).containsExactly(seal(rows).bytes());
    }

    private static SealedChunk seal(List<Row> rows) {
        OpenChunk open = new OpenChunk(COLUMNS);
        for (Row r : rows) {
            int row = open.append(r.time(), r.version());
            if (r.d() != null) {
                open.setDouble(0, row, r.d());
            }
            if (r.l() != null) {
                open.setLong(1, row, r.l());
            }
            if (r.b() != null) {
                open.setBoolean(2, row, r.b());
            }
            if (r.s() != null) {
                open.setVarchar(3, row, r.s());
            }
        }
        return SealedChunk.wrap(open.seal().bytes());
    }

    private static void assertMatchesModel(SealedChunk chunk, List<Row> rows) {
        TreeMap<Long, Row> model = new TreeMap<>();
        for (Row r : rows) {
            Row old = model.get(r.time());
            if (old == null || r.version() >= old.version()) {
                model.put(r.time(), r);
            }
        }
        int n = model.size();
        assertThat(chunk.count()).isEqualTo(n);
        assertThat(chunk.minTime()).isEqualTo(model.firstKey());
        assertThat(chunk.maxTime()).isEqualTo(model.lastKey());
        long[] times = new long[n];
        long[] versions = new long[n];
        double[] d = new double[n];
        long[] l = new long[n];
        boolean[] b = new boolean[n];
        String[] s = new String[n];
        boolean[][] has = new boolean[4][n];
        chunk.decodeTimes(times);
        chunk.decodeVersions(versions);
        chunk.decodeDoubles(0, d);
        chunk.decodeLongs(1, l);
        chunk.decodeBooleans(2, b);
        chunk.decodeVarchars(3, s);
        for (int c = 0; c < 4; c++) {
            chunk.decodePresence(c, has[c]);
        }
        int i = 0;
        int doubleCount = 0;
        long longSum = 0;
        for (Map.Entry<Long, Row> e : model.entrySet()) {
            Row r = e.getValue();
            assertThat(times[i]).isEqualTo(r.time());
            assertThat(versions[i]).isEqualTo(r.version());
            assertThat(has[0][i]).isEqualTo(r.d() != null);
            assertThat(Double.doubleToRawLongBits(d[i]))
                    .isEqualTo(Double.doubleToRawLongBits(r.d() == null ? 0.0 : r.d()));
            assertThat(has[1][i]).isEqualTo(r.l() != null);
            assertThat(l[i]).isEqualTo(r.l() == null ? 0 : r.l());
            assertThat(has[2][i]).isEqualTo(r.b() != null);
            assertThat(b[i]).isEqualTo(r.b() != null && r.b());
            assertThat(has[3][i]).isEqualTo(r.s() != null);
            assertThat(s[i]).isEqualTo(r.s());
            doubleCount += r.d() == null ? 0 : 1;
            longSum += r.l() == null ? 0 : r.l();
            i++;
        }
        assertThat(chunk.stats().column(0).nonNullCount()).isEqualTo(doubleCount);
        assertThat(((ColumnStats.LongStats) chunk.stats().column(1)).sum()).isEqualTo(longSum);
    }
}
