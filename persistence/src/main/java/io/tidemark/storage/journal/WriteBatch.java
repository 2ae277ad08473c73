package io.tidemark.storage.journal;

import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * The columnar batch one series shard receives: the rows of one client write that the shard owns,
 * with no per-point objects. A batch-local series table names each series once; every row points
 * into it by index and carries its time in nanoseconds, its version and one slot in each
 * {@link ValueColumn}.
 *
 * <p>Immutable once built (see {@link WriteBatchBuilder}); equal batches have equal content, which
 * the journal tests rely on. The journal stores it with {@link WriteBatchSerializer}.
 */
public final class WriteBatch {

    private final String tableId;
    private final int shard;
    private final SeriesKey[] series;
    private final int[] seriesIndex;
    private final long[] timeNanos;
    private final long[] versions;
    private final ValueColumn[] columns;

    /**
     * Takes ownership of the arrays after checking their shapes: the row arrays agree in length,
     * every series index points into the series table, every column has one slot per row and the
     * column names are distinct.
     *
     * @throws IllegalArgumentException naming the first shape that does not fit
     */
    WriteBatch(String tableId, int shard, SeriesKey[] series, int[] seriesIndex, long[] timeNanos,
               long[] versions, ValueColumn[] columns) {
        this.tableId = Objects.requireNonNull(tableId, "table id");
        this.shard = shard;
        this.series = Objects.requireNonNull(series, "series");
        this.seriesIndex = Objects.requireNonNull(seriesIndex, "series index");
        this.timeNanos = Objects.requireNonNull(timeNanos, "time nanos");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.columns = Objects.requireNonNull(columns, "columns");
        checkShape();
    }

    public static WriteBatchBuilder builder(String tableId, int shard) {
        return new WriteBatchBuilder(tableId, shard, 0);
    }

    /** A builder with room for {@code expectedRows} rows before its arrays grow. */
    public static WriteBatchBuilder builder(String tableId, int shard, int expectedRows) {
        return new WriteBatchBuilder(tableId, shard, expectedRows);
    }

    private void checkShape() {
        if (shard < 0) {
            throw invalid("shard must not be negative, shard=" + shard);
        }
        int rows = seriesIndex.length;
        if (timeNanos.length != rows || versions.length != rows) {
            throw invalid("row arrays differ in length, seriesIndex=" + rows + ", timeNanos=" + timeNanos.length
                    + ", versions=" + versions.length);
        }
        for (int i = 0; i < series.length; i++) {
            if (series[i] == null) {
                throw invalid("series table has a null entry, series=" + i);
            }
        }
        // a negative index or one past the last series turns the sign bit on: one branch-free pass
        // over the rows, and the first bad row is looked for only when there is one
        int outOfRange = 0;
        int lastSeries = series.length - 1;
        for (int row = 0; row < rows; row++) {
            outOfRange |= seriesIndex[row] | (lastSeries - seriesIndex[row]);
        }
        if (outOfRange < 0) {
            for (int row = 0; row < rows; row++) {
                if (seriesIndex[row] < 0 || seriesIndex[row] >= series.length) {
                    throw invalid("series index out of range, row=" + row + ", seriesIndex=" + seriesIndex[row]
                            + ", seriesCount=" + series.length);
                }
            }
        }
        for (int c = 0; c < columns.length; c++) {
            ValueColumn column = Objects.requireNonNull(columns[c], "column");
            if (column.rowCount() != rows) {
                throw invalid("column row count differs from batch, column=" + column.name() + ", columnRows="
                        + column.rowCount() + ", rows=" + rows);
            }
            for (int other = 0; other < c; other++) {
                if (columns[other].name().equals(column.name())) {
                    throw invalid("duplicate column name, column=" + column.name());
                }
            }
        }
    }

    private IllegalArgumentException invalid(String what) {
        return new IllegalArgumentException("cannot build write batch: " + what + ", table=" + tableId
                + ", shard=" + shard);
    }

    public String tableId() {
        return tableId;
    }

    public int shard() {
        return shard;
    }

    public int rowCount() {
        return seriesIndex.length;
    }

    public int seriesCount() {
        return series.length;
    }

    public SeriesKey series(int index) {
        return series[index];
    }

    /** The index into the series table of the row's series. */
    public int seriesIndex(int row) {
        return seriesIndex[row];
    }

    public long timeNanos(int row) {
        return timeNanos[row];
    }

    public long version(int row) {
        return versions[row];
    }

    public int columnCount() {
        return columns.length;
    }

    public ValueColumn column(int index) {
        return columns[index];
    }

    public List<ValueColumn> columns() {
        return List.of(columns);
    }

    /**
     * A batch of the rows whose bit is set in {@code keep}, in their order, with the same table,
     * shard, columns and the series those rows use; this batch itself when every row is kept.
     */
    public WriteBatch retainRows(BitSet keep) {
        int rows = rowCount();
        int kept = keep.get(0, rows).cardinality();
        if (kept == rows) {
            return this;
        }
        int[] seriesRemap = new int[series.length];
        Arrays.fill(seriesRemap, -1);
        List<SeriesKey> keptSeries = new ArrayList<>();
        int[] newSeriesIndex = new int[kept];
        long[] newTimes = new long[kept];
        long[] newVersions = new long[kept];
        int out = 0;
        for (int row = keep.nextSetBit(0); row >= 0 && row < rows; row = keep.nextSetBit(row + 1)) {
            int s = seriesIndex[row];
            if (seriesRemap[s] < 0) {
                seriesRemap[s] = keptSeries.size();
                keptSeries.add(series[s]);
            }
            newSeriesIndex[out] = seriesRemap[s];
            newTimes[out] = timeNanos[row];
            newVersions[out] = versions[row];
            out++;
        }
        ValueColumn[] newColumns = new ValueColumn[columns.length];
        for (int c = 0; c < columns.length; c++) {
            newColumns[c] = columns[c].retainRows(keep, kept);
        }
        return new WriteBatch(tableId, shard, keptSeries.toArray(new SeriesKey[0]), newSeriesIndex, newTimes,
                newVersions, newColumns);
    }

    // Package-private views for the serializer, which writes the arrays in bulk.
    SeriesKey[] seriesTable() {
        return series;
    }

    int[] seriesIndexArray() {
        return seriesIndex;
    }

    long[] timeNanosArray() {
        return timeNanos;
    }

    long[] versionArray() {
        return versions;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof WriteBatch b
                        && shard == b.shard
                        && tableId.equals(b.tableId)
                        && Arrays.equals(series, b.series)
                        && Arrays.equals(seriesIndex, b.seriesIndex)
                        && Arrays.equals(timeNanos, b.timeNanos)
                        && Arrays.equals(versions, b.versions)
                        && Arrays.equals(columns, b.columns));
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(tableId, shard);
        h = 31 * h + Arrays.hashCode(series);
        h = 31 * h + Arrays.hashCode(seriesIndex);
        h = 31 * h + Arrays.hashCode(timeNanos);
        h = 31 * h + Arrays.hashCode(versions);
        return 31 * h + Arrays.hashCode(columns);
    }

    @Override
    public String toString() {
        return "WriteBatch{table=" + tableId + ", shard=" + shard + ", rows=" + rowCount() + ", series="
                + series.length + ", columns=" + Arrays.toString(columns) + "}";
    }
}
