package io.tidemark.storage.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.model.MeasureType;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenChunkTest {

    private static final ColumnSpec VALUE = new ColumnSpec("cpu", MeasureType.DOUBLE);

    @Test
    void sealSortsOutOfOrderRowsByTime() {
        OpenChunk open = new OpenChunk(List.of(VALUE));
        long[] times = {30, 10, 20, 5};
        for (long t : times) {
            open.setDouble(0, open.append(t, 1), t / 10.0);
        }
        assertThat(open.minTime()).isEqualTo(5);
        assertThat(open.maxTime()).isEqualTo(30);

        SealedChunk sealed = open.seal();

        long[] t = new long[4];
        double[] v = new double[4];
        sealed.decodeTimes(t);
        sealed.decodeDoubles(0, v);
        assertThat(t).containsExactly(5, 10, 20, 30);
        assertThat(v).containsExactly(0.5, 1.0, 2.0, 3.0);
        assertThat(sealed.minTime()).isEqualTo(5);
        assertThat(sealed.maxTime()).isEqualTo(30);
    }

    @Test
    void duplicateTimeKeepsHighestVersionAndLaterRowOnTie() {
        OpenChunk open = new OpenChunk(List.of(VALUE));
        open.setDouble(0, open.append(100, 2), 1.0);
        open.setDouble(0, open.append(100, 5), 2.0);
        open.setDouble(0, open.append(100, 3), 3.0);
        open.setDouble(0, open.append(200, 7), 4.0);
        open.setDouble(0, open.append(200, 7), 5.0);
        open.setDouble(0, open.append(50, 1), 6.0);

        SealedChunk sealed = open.seal();

        assertThat(sealed.count()).isEqualTo(3);
        long[] t = new long[3];
        long[] ver = new long[3];
        double[] v = new double[3];
        sealed.decodeTimes(t);
        sealed.decodeVersions(ver);
        sealed.decodeDoubles(0, v);
        assertThat(t).containsExactly(50, 100, 200);
        assertThat(ver).containsExactly(1, 5, 7);
        assertThat(v).containsExactly(6.0, 2.0, 5.0);
    }

    @Test
    void multiMeasureRowsKeepAbsentValuesAbsent() {
        List<ColumnSpec> cols = List.of(new ColumnSpec("d", MeasureType.DOUBLE),
                new ColumnSpec("l", MeasureType.BIGINT), new ColumnSpec("b", MeasureType.BOOLEAN),
                new ColumnSpec("s", MeasureType.VARCHAR), new ColumnSpec("t", MeasureType.TIMESTAMP));
        OpenChunk open = new OpenChunk(cols);
        int r0 = open.append(1, 0);
        open.setDouble(0, r0, 1.5);
        open.setVarchar(3, r0, "up");
        int r1 = open.append(2, 0);
        open.setLong(1, r1, -7);
        open.setBoolean(2, r1, true);
        open.setLong(4, r1, 1_700_000_000_000_000_000L);
        int r2 = open.append(3, 0);
        open.setDouble(0, r2, 2.5);
        open.setBoolean(2, r2, false);
        open.setVarchar(3, r2, "down");

        SealedChunk sealed = open.seal();

        boolean[] has = new boolean[3];
        sealed.decodePresence(0, has);
        assertThat(has).containsExactly(true, false, true);
        double[] d = new double[3];
        sealed.decodeDoubles(0, d);
        assertThat(d).containsExactly(1.5, 0.0, 2.5);
        long[] l = new long[3];
        sealed.decodeLongs(1, l);
        assertThat(l).containsExactly(0, -7, 0);
        sealed.decodePresence(1, has);
        assertThat(has).containsExactly(false, true, false);
        boolean[] b = new boolean[3];
        sealed.decodeBooleans(2, b);
        assertThat(b).containsExactly(false, true, false);
        sealed.decodePresence(2, has);
        assertThat(has).containsExactly(false, true, true);
        String[] s = new String[3];
        sealed.decodeVarchars(3, s);
        assertThat(s).containsExactly("up", null, "down");
        sealed.decodeLongs(4, l);
        assertThat(l).containsExactly(0, 1_700_000_000_000_000_000L, 0);
        assertThat(sealed.allPresent(0)).isFalse();
        assertThat(sealed.stats().column(0)).isEqualTo(new ColumnStats.DoubleStats(2, 1.5, 2.5, 4.0, 1.5, 2.5));
        assertThat(sealed.stats().column(1)).isEqualTo(new ColumnStats.LongStats(1, -7, -7, -7, false, -7, -7));
        assertThat(sealed.stats().column(2)).isEqualTo(new ColumnStats.BooleanStats(2, 1));
        assertThat(sealed.stats().column(3)).isEqualTo(new ColumnStats.VarcharStats(2));
    }

    @Test
    void growsPastInitialCapacityAndRoundTrips() {
        OpenChunk open = new OpenChunk(List.of(VALUE, new ColumnSpec("ok", MeasureType.BOOLEAN)));
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            int row = open.append(1_000_000_000L * i, 1);
            open.setDouble(0, row, i % 97);
            open.setBoolean(1, row, i % 3 == 0);
        }
        SealedChunk sealed = SealedChunk.wrap(open.seal().bytes());
        double[] d = new double[n];
        boolean[] b = new boolean[n];
        sealed.decodeDoubles(0, d);
        sealed.decodeBooleans(1, b);
        for (int i = 0; i < n; i++) {
            assertThat(d[i]).isEqualTo(i % 97);
            assertThat(b[i]).isEqualTo(i % 3 == 0);
        }
    }

    @Test
    void badInputIsRejectedWithClearErrors() {
        OpenChunk open = new OpenChunk(List.of(VALUE));
        assertThatThrownBy(open::seal).isInstanceOf(IllegalStateException.class).hasMessageContaining("no rows");
        assertThatThrownBy(() -> open.setDouble(0, 0, 1.0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("row=0, size=0");
        int row = open.append(1, 1);
        assertThatThrownBy(() -> open.setLong(0, row, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column=cpu has type=DOUBLE");
        assertThatThrownBy(() -> new OpenChunk(List.of(VALUE, VALUE))).hasMessageContaining("duplicate column");
        assertThatThrownBy(() -> new ColumnSpec("x", MeasureType.MULTI)).hasMessageContaining("must be scalar");
    }

    @Test
    void mergeUnitesColumnsAndDedupesWithLaterChunkWinningTies() {
        OpenChunk a = new OpenChunk(List.of(new ColumnSpec("x", MeasureType.DOUBLE)));
        a.setDouble(0, a.append(10, 1), 1.0);
        a.setDouble(0, a.append(20, 1), 2.0);
        OpenChunk b = new OpenChunk(List.of(new ColumnSpec("y", MeasureType.BIGINT),
                new ColumnSpec("x", MeasureType.DOUBLE)));
        int r = b.append(20, 1);
        b.setDouble(1, r, 20.0);
        b.setLong(0, r, 5);
        b.setLong(0, b.append(5, 1), 6);

        SealedChunk merged = SealedChunk.merge(List.of(a.seal(), b.seal()));

        assertThat(merged.columns()).containsExactly(new ColumnSpec("x", MeasureType.DOUBLE),
                new ColumnSpec("y", MeasureType.BIGINT));
        long[] t = new long[3];
        merged.decodeTimes(t);
        assertThat(t).containsExactly(5, 10, 20);
        double[] x = new double[3];
        merged.decodeDoubles(0, x);
        assertThat(x).containsExactly(0.0, 1.0, 20.0);
        boolean[] has = new boolean[3];
        merged.decodePresence(0, has);
        assertThat(has).containsExactly(false, true, true);
        long[] y = new long[3];
        merged.decodeLongs(1, y);
        assertThat(y).containsExactly(6, 0, 5);
    }

    @Test
    void decodingChecksColumnTypeAndArraySize() {
        OpenChunk open = new OpenChunk(List.of(VALUE));
        open.setDouble(0, open.append(1, 1), 1.0);
        open.setDouble(0, open.append(2, 1), 2.0);
        SealedChunk sealed = open.seal();

        assertThatThrownBy(() -> sealed.decodeLongs(0, new long[2])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column=cpu has type=DOUBLE");
        assertThatThrownBy(() -> sealed.decodeDoubles(0, new double[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("array too small, length=1, count=2");
        assertThatThrownBy(() -> sealed.decodeTimes(new long[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealed.decodeDoubles(1, new double[2])).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("col=1, columns=1");
    }

    @Test
    void mergeRejectsAColumnNameWithTwoTypes() {
        OpenChunk a = new OpenChunk(List.of(new ColumnSpec("x", MeasureType.DOUBLE)));
        a.setDouble(0, a.append(1, 1), 1.0);
        OpenChunk b = new OpenChunk(List.of(new ColumnSpec("x", MeasureType.BIGINT)));
        b.setLong(0, b.append(2, 1), 1);

        assertThatThrownBy(() -> SealedChunk.merge(List.of(a.seal(), b.seal())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column=x has types DOUBLE and BIGINT");
        assertThatThrownBy(() -> SealedChunk.merge(List.of())).hasMessageContaining("none given");
    }

    @Test
    void doubleStatsIgnoreNanForMinAndMaxButNotForSum() {
        OpenChunk open = new OpenChunk(List.of(VALUE));
        open.setDouble(0, open.append(1, 1), Double.NaN);
        open.setDouble(0, open.append(2, 1), 3.0);
        open.setDouble(0, open.append(3, 1), -1.0);

        ColumnStats.DoubleStats stats = (ColumnStats.DoubleStats) open.seal().stats().column(0);

        assertThat(stats.min()).isEqualTo(-1.0);
        assertThat(stats.max()).isEqualTo(3.0);
        assertThat(stats.sum()).isNaN();
        assertThat(stats.first()).isNaN();
        assertThat(stats.last()).isEqualTo(-1.0);
        assertThat(stats.nonNullCount()).isEqualTo(3);
    }

    @Test
    void longStatsFlagAnOverflowingSum() {
        OpenChunk open = new OpenChunk(List.of(new ColumnSpec("n", MeasureType.BIGINT)));
        open.setLong(0, open.append(1, 1), Long.MAX_VALUE);
        open.setLong(0, open.append(2, 1), 1);

        ColumnStats.LongStats stats = (ColumnStats.LongStats) open.seal().stats().column(0);

        assertThat(stats.sumOverflowed()).isTrue();
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(Long.MAX_VALUE);
    }
    @Test
    void growthStopsAtTheCapOnceThenDoublesPastItKeepingEveryRow() {
        OpenChunk chunk = new OpenChunk(List.of(new ColumnSpec("d", MeasureType.DOUBLE),
                new ColumnSpec("f", MeasureType.BOOLEAN)), 16, 100);
        List<Integer> capacities = new java.util.ArrayList<>();
        for (int r = 0; r < 250; r++) {
            int row = chunk.append(1_000L + r, 1L);
            chunk.setDouble(0, row, r / 2.0);
            chunk.setBoolean(1, row, r % 3 == 0);
            if (capacities.isEmpty() || capacities.get(capacities.size() - 1) != chunk.capacity()) {
                capacities.add(chunk.capacity());
            }
        }
        assertThat(capacities).containsExactly(16, 32, 64, 100, 200, 400);
        SealedChunk sealed = chunk.seal();
        double[] d = new double[250];
        boolean[] f = new boolean[250];
        sealed.decodeDoubles(0, d);
        sealed.decodeBooleans(1, f);
        for (int r = 0; r < 250; r++) {
            assertThat(d[r]).isEqualTo(r / 2.0);
            assertThat(f[r]).isEqualTo(r % 3 == 0);
        }
    }

    @Test
    void readAccessorsReturnRowsInAppendOrderWithPresenceAndVersions() {
        OpenChunk chunk = new OpenChunk(List.of(new ColumnSpec("d", MeasureType.DOUBLE),
                new ColumnSpec("n", MeasureType.BIGINT), new ColumnSpec("f", MeasureType.BOOLEAN),
                new ColumnSpec("s", MeasureType.VARCHAR)), 1);
        int r0 = chunk.append(20L, 1L);
        chunk.setDouble(0, r0, 1.5);
        chunk.setBoolean(2, r0, true);
        int r1 = chunk.append(10L, 7L);
        chunk.setLong(1, r1, -3L);
        chunk.setVarchar(3, r1, "x");
        assertThat(chunk.capacity()).isGreaterThanOrEqualTo(2);
        assertThat(chunk.timeAt(r0)).isEqualTo(20L);
        assertThat(chunk.timeAt(r1)).isEqualTo(10L);
        assertThat(chunk.versionAt(r0)).isEqualTo(1L);
        assertThat(chunk.versionAt(r1)).isEqualTo(7L);
        assertThat(chunk.isPresent(0, r0)).isTrue();
        assertThat(chunk.isPresent(1, r0)).isFalse();
        assertThat(chunk.doubleAt(0, r0)).isEqualTo(1.5);
        assertThat(chunk.booleanAt(2, r0)).isTrue();
        assertThat(chunk.booleanAt(2, r1)).isFalse();
        assertThat(chunk.longAt(1, r1)).isEqualTo(-3L);
        assertThat(chunk.varcharAt(3, r1)).isEqualTo("x");
        assertThat(chunk.varcharAt(3, r0)).isNull();
        assertThatThrownBy(() -> chunk.doubleAt(1, r0)).hasMessageContaining("has type=BIGINT");
        assertThatThrownBy(() -> chunk.timeAt(2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("row=2, size=2");
    }

    @Test
    void bulkSetsFillRunsAcrossPresenceWordsAndMatchSettingOneValueAtATime() {
        List<ColumnSpec> columns = List.of(new ColumnSpec("n", MeasureType.BIGINT), VALUE);
        OpenChunk bulk = new OpenChunk(columns, 4);
        OpenChunk single = new OpenChunk(columns, 4);
        // runs starting mid-word, ending on a word boundary, spanning two words and exactly one
        int[] runs = {3, 61, 1, 70, 64, 1};
        int time = 0;
        for (int run : runs) {
            long[] longs = new long[run + 2];
            double[] doubles = new double[run + 2];
            int first = bulk.size();
            for (int i = 0; i < run; i++) {
                bulk.append(1000 - time, 1);
                single.append(1000 - time, 1);
                longs[i] = time * 7L - 100;
                doubles[i] = time / 4.0;
                single.setLong(0, first + i, longs[i]);
                single.setDouble(1, first + i, doubles[i]);
                time++;
            }
            bulk.setLongs(0, first, longs, run);
            bulk.setDoubles(1, first, doubles, run);
        }
        for (int row = 0; row < single.size(); row++) {
            assertThat(bulk.isPresent(0, row)).isTrue();
            assertThat(bulk.longAt(0, row)).isEqualTo(single.longAt(0, row));
            assertThat(bulk.doubleAt(1, row)).isEqualTo(single.doubleAt(1, row));
        }
        assertThat(bulk.seal().bytes()).isEqualTo(single.seal().bytes());
    }

    @Test
    void bulkSetsLeaveRowsOutsideTheRunAbsentAndRejectBadRanges() {
        OpenChunk chunk = new OpenChunk(List.of(VALUE, new ColumnSpec("n", MeasureType.BIGINT)), 4);
        for (int i = 0; i < 130; i++) {
            chunk.append(i, 1);
        }
        chunk.setLongs(1, 60, new long[] {1, 2, 3, 4, 5, 6, 7, 8}, 8);
        for (int row = 0; row < 130; row++) {
            assertThat(chunk.isPresent(1, row)).as("row %d", row).isEqualTo(row >= 60 && row < 68);
            assertThat(chunk.isPresent(0, row)).isFalse();
        }
        assertThat(chunk.longAt(1, 67)).isEqualTo(8);
        assertThatThrownBy(() -> chunk.setLongs(1, 125, new long[8], 8)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("firstRow=125, count=8, size=130");
        assertThatThrownBy(() -> chunk.setLongs(0, 0, new long[1], 1)).hasMessageContaining("column=cpu has type=DOUBLE");
        assertThatThrownBy(() -> chunk.setDoubles(1, 0, new double[1], 1)).hasMessageContaining("column=n has type=BIGINT");
        assertThatThrownBy(() -> chunk.setDoubles(2, 0, new double[1], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void appendingRowsInBulkBuildsWhatAppendingThemOneAtATimeBuilds() {
        long[][] runs = {{50, 40}, {45}, {60, 10, 20, 30, 70, 80, 90, 15, 25, 35, 55, 65, 75, 85, 95, 5, 1}, {}, {100, 101}};
        long[][] versions = {{3, 3}, {3}, {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, {}, {3, 9}};
        OpenChunk bulk = new OpenChunk(List.of(VALUE), 2, 16);
        OpenChunk single = new OpenChunk(List.of(VALUE), 2, 16);
        for (int run = 0; run < runs.length; run++) {
            bulk.append(runs[run], versions[run], runs[run].length);
            for (int i = 0; i < runs[run].length; i++) {
                single.append(runs[run][i], versions[run][i]);
            }
            assertThat(bulk.size()).isEqualTo(single.size());
            assertThat(bulk.capacity()).as("capacity after run %d", run).isEqualTo(single.capacity());
            assertThat(bulk.minTime()).isEqualTo(single.minTime());
            assertThat(bulk.maxTime()).isEqualTo(single.maxTime());
        }
        for (int row = 0; row < single.size(); row++) {
            bulk.setDouble(0, row, row);
            single.setDouble(0, row, row);
            assertThat(bulk.timeAt(row)).isEqualTo(single.timeAt(row));
            assertThat(bulk.versionAt(row)).isEqualTo(single.versionAt(row));
        }
        assertThat(bulk.seal().bytes()).isEqualTo(single.seal().bytes());
        assertThatThrownBy(() -> bulk.append(new long[1], new long[1], -1)).hasMessageContaining("count=-1");
    }
}
