package io.tidemark.storage.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBatchTest {

    private static final SeriesKey CPU = SeriesKey.of(List.of(new Dimension("host", "a")), "cpu");
    private static final SeriesKey MEM = SeriesKey.of(List.of(new Dimension("host", "a")), "mem");

    @Test
    void builderKeepsRowsSeriesAndValuesIncludingAbsentOnes() {
        WriteBatchBuilder b = WriteBatch.builder("t1", 2);
        int cpu = b.series(CPU);
        int mem = b.series(MEM);
        assertThat(b.series(CPU)).isEqualTo(cpu);
        int d = b.column("d", MeasureType.DOUBLE);
        int s = b.column("s", MeasureType.VARCHAR);
        b.addRow(cpu, 10L, 1L);
        b.setDouble(d, 1.5).setString(s, "x");
        b.addRow(mem, 20L, 3L);
        int flag = b.column("flag", MeasureType.BOOLEAN);
        b.setBoolean(flag, true);
        WriteBatch batch = b.build();

        assertThat(batch.tableId()).isEqualTo("t1");
        assertThat(batch.shard()).isEqualTo(2);
        assertThat(batch.rowCount()).isEqualTo(2);
        assertThat(batch.series(batch.seriesIndex(1))).isEqualTo(MEM);
        assertThat(batch.timeNanos(1)).isEqualTo(20L);
        assertThat(batch.version(1)).isEqualTo(3L);
        ValueColumn dc = batch.column(d);
        assertThat(dc.isPresent(0)).isTrue();
        assertThat(dc.doubleAt(0)).isEqualTo(1.5);
        assertThat(dc.isPresent(1)).isFalse();
        assertThat(batch.column(s).stringAt(1)).isNull();
        ValueColumn fc = batch.column(flag);
        assertThat(fc.isPresent(0)).isFalse();
        assertThat(fc.isPresent(1)).isTrue();
        assertThat(fc.booleanAt(1)).isTrue();
    }

    @Test
    void seriesAddedWithoutLookupAreFoundByLaterLookups() {
        SeriesKey disk = SeriesKey.of(List.of(new Dimension("host", "b")), "disk");
        WriteBatchBuilder b = WriteBatch.builder("t1", 0);
        int cpu = b.series(CPU);
        int mem = b.addNewSeries(MEM);
        int diskIndex = b.addNewSeries(disk);

        assertThat(List.of(cpu, mem, diskIndex)).containsExactly(0, 1, 2);
        assertThat(b.series(MEM)).isEqualTo(mem);
        assertThat(b.series(disk)).isEqualTo(diskIndex);
        assertThat(b.series(CPU)).isEqualTo(cpu);
        b.addRow(mem, 1L, 1L);
        b.addRow(diskIndex, 2L, 1L);
        WriteBatch batch = b.build();
        assertThat(batch.seriesCount()).isEqualTo(3);
        assertThat(batch.series(batch.seriesIndex(0))).isEqualTo(MEM);
        assertThat(batch.series(batch.seriesIndex(1))).isEqualTo(disk);
    }

    @Test
    void growsPastInitialCapacityAndBitsetWordBoundaries() {
        WriteBatch batch = TestBatches.batch(5, 1000);
        assertThat(batch.rowCount()).isEqualTo(1000);
        ValueColumn up = batch.columns().stream().filter(c -> c.name().equals("up")).findFirst().orElseThrow();
        for (int r = 0; r < 1000; r++) {
            assertThat(up.isPresent(r)).isEqualTo(r % 6 != 3);
            if (r % 6 != 3) {
                assertThat(up.booleanAt(r)).isEqualTo((5 + r) % 2 == 0);
            }
        }
        assertThat(batch).isEqualTo(TestBatches.batch(5, 1000)).hasSameHashCodeAs(TestBatches.batch(5, 1000));
        assertThat(batch).isNotEqualTo(TestBatches.batch(6, 1000));
    }

    @Test
    void aBuilderSizedForExactlyItsRowsBuildsTheSameBatchAndOwnsNothingAfterwards() {
        for (int expected : new int[] {64, 65, 1000}) {
            WriteBatchBuilder b = WriteBatch.builder("t1", 0, expected);
            int cpu = b.series(CPU);
            int d = b.column("d", MeasureType.DOUBLE);
            int n = b.column("n", MeasureType.BIGINT);
            int f = b.column("f", MeasureType.BOOLEAN);
            WriteBatchBuilder unsized = WriteBatch.builder("t1", 0);
            unsized.series(CPU);
            unsized.column("d", MeasureType.DOUBLE);
            unsized.column("n", MeasureType.BIGINT);
            unsized.column("f", MeasureType.BOOLEAN);
            for (int r = 0; r < 65; r++) {
                b.addRow(cpu, r, 1);
                b.setDouble(d, r / 2.0).setBoolean(f, r % 2 == 0);
                unsized.addRow(cpu, r, 1);
                unsized.setDouble(d, r / 2.0).setBoolean(f, r % 2 == 0);
                if (r % 5 != 0) {
                    b.setLong(n, r);
                    unsized.setLong(n, r);
                }
            }
            assertThat(b.build()).isEqualTo(unsized.build());
        }
    }

    @Test
    void refusesValuesOfTheWrongTypeSetTwiceOrWithoutARow() {
        WriteBatchBuilder b = WriteBatch.builder("t1", 0);
        int cpu = b.series(CPU);
        int d = b.column("d", MeasureType.DOUBLE);
        assertThatThrownBy(() -> b.setDouble(d, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no row");
        b.addRow(cpu, 1, 1);
        assertThatThrownBy(() -> b.setLong(d, 1)).hasMessageContaining("wrong type").hasMessageContaining("column=d");
        b.setDouble(d, 1);
        assertThatThrownBy(() -> b.setDouble(d, 2)).hasMessageContaining("already set");
        assertThatThrownBy(() -> b.column("d", MeasureType.BIGINT)).hasMessageContaining("another type");
        assertThatThrownBy(() -> b.column("m", MeasureType.MULTI)).hasMessageContaining("scalar");
        assertThatThrownBy(() -> b.addRow(7, 1, 1)).hasMessageContaining("unknown series index");
        ValueColumn built = b.build().column(d);
        assertThatThrownBy(() -> built.longAt(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wanted=BIGINT or TIMESTAMP");
    }

    @Test
    void refusesShapesThatDoNotAgree() {
        SeriesKey[] series = {CPU};
        assertThatThrownBy(() -> new WriteBatch("t", 0, series, new int[2], new long[2], new long[1], new ValueColumn[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row arrays differ");
        assertThatThrownBy(() -> new WriteBatch("t", 0, series, new int[] {1}, new long[1], new long[1], new ValueColumn[0]))
                .hasMessageContaining("series index out of range");
        ValueColumn threeRows = new ValueColumn("c", MeasureType.BIGINT, 3, new long[1], null, new long[3], null);
        assertThatThrownBy(() -> new WriteBatch("t", 0, series, new int[1], new long[1], new long[1],
                new ValueColumn[] {threeRows})).hasMessageContaining("column row count");
        assertThatThrownBy(() -> new ValueColumn("c", MeasureType.DOUBLE, 3, new long[1], null, new long[3], null))
                .hasMessageContaining("wrong array length");
        assertThatThrownBy(() -> new ValueColumn("c", MeasureType.MULTI, 0, new long[0], null, null, null))
                .hasMessageContaining("scalar");
        assertThatThrownBy(() -> new ValueColumn("c", MeasureType.VARCHAR, 1, new long[] {1}, null, null, new String[1]))
                .hasMessageContaining("non-null exactly when present");
    }
    @Test
    void retainRowsKeepsTheSelectedRowsTheirSeriesAndEveryValueType() {
        WriteBatchBuilder b = WriteBatch.builder("t1", 2);
        int cpu = b.series(CPU);
        int mem = b.series(MEM);
        int d = b.column("d", MeasureType.DOUBLE);
        int n = b.column("n", MeasureType.BIGINT);
        int s = b.column("s", MeasureType.VARCHAR);
        int f = b.column("f", MeasureType.BOOLEAN);
        for (int row = 0; row < 70; row++) {
            b.addRow(row % 3 == 0 ? mem : cpu, row, row + 1L);
            b.setDouble(d, row * 0.5).setLong(n, -row).setBoolean(f, row % 2 == 0);
            if (row % 5 != 0) {
                b.setString(s, "v" + row);
            }
        }
        WriteBatch batch = b.build();
        java.util.BitSet keep = new java.util.BitSet();
        keep.set(0, 70);
        assertThat(batch.retainRows(keep)).isSameAs(batch);

        // keep only rows of cpu with an odd index, beyond the first bitset word too
        WriteBatchBuilder expected = WriteBatch.builder("t1", 2);
        int ecpu = expected.series(CPU);
        int ed = expected.column("d", MeasureType.DOUBLE);
        int en = expected.column("n", MeasureType.BIGINT);
        int es = expected.column("s", MeasureType.VARCHAR);
        int ef = expected.column("f", MeasureType.BOOLEAN);
        keep.clear();
        for (int row = 0; row < 70; row++) {
            if (row % 3 != 0 && row % 2 == 1) {
                keep.set(row);
                expected.addRow(ecpu, row, row + 1L);
                expected.setDouble(ed, row * 0.5).setLong(en, -row).setBoolean(ef, false);
                if (row % 5 != 0) {
                    expected.setString(es, "v" + row);
                }
            }
        }
        WriteBatch retained = batch.retainRows(keep);
        assertThat(retained).isEqualTo(expected.build());
        assertThat(retained.seriesCount()).isEqualTo(1);
    }

    @Test
    void columnsCopyTheValuesOfAListOfRows() {
        WriteBatchBuilder b = WriteBatch.builder("t1", 0);
        int cpu = b.series(CPU);
        int n = b.column("n", MeasureType.BIGINT);
        int d = b.column("d", MeasureType.DOUBLE);
        for (int row = 0; row < 5; row++) {
            b.addRow(cpu, row, 1L);
            b.setLong(n, row * 10L).setDouble(d, row / 2.0);
        }
        WriteBatch batch = b.build();
        int[] rows = {4, 1, 3, 0};
        long[] longs = {-1, -1, -1, -1};
        batch.column(n).copyLongs(rows, 1, 3, longs, 2);
        assertThat(longs).containsExactly(-1, -1, 10, 30);
        double[] doubles = new double[2];
        batch.column(d).copyDoubles(rows, 0, 2, doubles, 0);
        assertThat(doubles).containsExactly(2.0, 0.5);
        assertThatThrownBy(() -> batch.column(d).copyLongs(rows, 0, 1, longs, 0)).hasMessageContaining("wanted=BIGINT");
        assertThatThrownBy(() -> batch.column(n).copyDoubles(rows, 0, 1, doubles, 0)).hasMessageContaining("wanted=DOUBLE");
    }
}
