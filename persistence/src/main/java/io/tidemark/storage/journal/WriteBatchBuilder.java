package io.tidemark.storage.journal;

import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a {@link WriteBatch} row by row into growable primitive arrays, so adding a point
 * allocates nothing beyond the occasional array doubling. Usage: register each series with
 * {@link #series} and each column with {@link #column}, then for each point call {@link #addRow}
 * followed by the {@code set*} calls for the values that row has. Not thread-safe.
 */
public final class WriteBatchBuilder {

    private static final int INITIAL_ROWS = 16;

    private final String tableId;
    private final int shard;
    private final List<SeriesKey> series = new ArrayList<>();
    private final Map<SeriesKey, Integer> seriesIds = new HashMap<>();
    private ColumnBuilder[] columns = new ColumnBuilder[4];
    private int columnCount;
    private int[] seriesIndex;
    private long[] timeNanos;
    private long[] versions;
    private int rows;

    /** @param expectedRows rows to make room for up front, so a batch of known size never grows */
    WriteBatchBuilder(String tableId, int shard, int expectedRows) {
        this.tableId = Objects.requireNonNull(tableId, "table id");
        this.shard = shard;
        int capacity = Math.max(INITIAL_ROWS, expectedRows);
        seriesIndex = new int[capacity];
        timeNanos = new long[capacity];
        versions = new long[capacity];
    }

    /** The index of {@code key} in the batch's series table, adding it on first use. */
    public int series(SeriesKey key) {
        Objects.requireNonNull(key, "series key");
        // the map covers a prefix of the table: index what addNewSeries added since
        for (int i = seriesIds.size(); i < series.size(); i++) {
            seriesIds.put(series.get(i), i);
        }
        Integer id = seriesIds.get(key);
        if (id != null) {
            return id;
        }
        series.add(key);
        seriesIds.put(key, series.size() - 1);
        return series.size() - 1;
    }

    /**
     * Adds {@code key} to the batch's series table without looking it up, for a caller that keeps
     * its own index of the keys it has added (and so knows this one is new): one map fewer per
     * series. The key must not be in the table yet ({@link #series} finds it afterwards).
     *
     * @return its index in the series table
     */
    public int addNewSeries(SeriesKey key) {
        Objects.requireNonNull(key, "series key");
        series.add(key);
        return series.size() - 1;
    }

    /**
     * The index of the named column, adding it on first use; rows added before it have no value.
     *
     * @throws IllegalArgumentException if the type is not scalar or the name is already used with
     *     another type
     */
    public int column(String name, MeasureType type) {
        Objects.requireNonNull(name, "column name");
        for (int i = 0; i < columnCount; i++) {
            ColumnBuilder c = columns[i];
            if (c.name.equals(name)) {
                if (c.type != type) {
                    throw new IllegalArgumentException("cannot add column: name already used with another type, column="
                            + name + ", existing=" + c.type + ", requested=" + type);
                }
                return i;
            }
        }
        if (!type.isScalar()) {
            throw new IllegalArgumentException("cannot add column: type must be scalar, column=" + name + ", type=" + type);
        }
        if (columnCount == columns.length) {
            columns = Arrays.copyOf(columns, columnCount * 2);
        }
        columns[columnCount] = new ColumnBuilder(name, type, seriesIndex.length);
        return columnCount++;
    }

    /** Starts a row; the following {@code set*} calls fill its values. Returns the row index. */
    public int addRow(int seriesIdx, long rowTimeNanos, long version) {
        if (seriesIdx < 0 || seriesIdx >= series.size()) {
            throw new IllegalArgumentException("cannot add row: unknown series index, seriesIndex=" + seriesIdx
                    + ", seriesCount=" + series.size());
        }
        if (rows == seriesIndex.length) {
            int capacity = rows * 2;
            seriesIndex = Arrays.copyOf(seriesIndex, capacity);
            timeNanos = Arrays.copyOf(timeNanos, capacity);
            versions = Arrays.copyOf(versions, capacity);
            for (int c = 0; c < columnCount; c++) {
                columns[c].grow(capacity);
            }
        }
        seriesIndex[rows] = seriesIdx;
        timeNanos[rows] = rowTimeNanos;
        versions[rows] = version;
        return rows++;
    }

    public WriteBatchBuilder setDouble(int column, double value) {
        currentRow(column, MeasureType.DOUBLE).doubles[rows - 1] = value;
        return this;
    }

    /** Sets a BIGINT value, or a TIMESTAMP in nanoseconds since the epoch. */
    public WriteBatchBuilder setLong(int column, long value) {
        currentRow(column, null).longs[rows - 1] = value;
        return this;
    }

    public WriteBatchBuilder setBoolean(int column, boolean value) {
        ColumnBuilder c = currentRow(column, MeasureType.BOOLEAN);
        int row = rows - 1;
        if (value) {
            c.longs[row >>> 6] |= 1L << row;
        }
        return this;
    }

    public WriteBatchBuilder setString(int column, String value) {
        Objects.requireNonNull(value, "VARCHAR value");
        currentRow(column, MeasureType.VARCHAR).strings[rows - 1] = value;
        return this;
    }

    /**
     * Marks the current row present in the column and returns it, after checking its type: the
     * given one, or for null a long-valued one (BIGINT or TIMESTAMP).
     */
    private ColumnBuilder currentRow(int column, MeasureType expected) {
        if (rows == 0) {
            throw new IllegalStateException("cannot set value: no row added yet, table=" + tableId);
        }
        if (column < 0 || column >= columnCount) {
            throw new IllegalArgumentException("cannot set value: unknown column index, column=" + column);
        }
        ColumnBuilder c = columns[column];
        if (expected == null ? !c.type.isLongValued() : c.type != expected) {
            throw c.wrongType(expected == null ? "BIGINT or TIMESTAMP" : expected.name());
        }
        int row = rows - 1;
        long bit = 1L << row;
        if ((c.presence[row >>> 6] & bit) != 0) {
            throw new IllegalStateException("cannot set value: already set, column=" + c.name + ", row=" + row);
        }
        c.presence[row >>> 6] |= bit;
        return c;
    }

    public int rowCount() {
        return rows;
    }

    /** Builds the batch; the builder must not be used afterwards. */
    public WriteBatch build() {
        ValueColumn[] built = new ValueColumn[columnCount];
        for (int i = 0; i < built.length; i++) {
            built[i] = columns[i].build(rows);
        }
        return new WriteBatch(tableId, shard, series.toArray(new SeriesKey[0]), trim(seriesIndex, rows),
                trim(timeNanos, rows), trim(versions, rows), built);
    }

    // The builder is spent once built: an array already of the right length is handed over, not copied.
    private static int[] trim(int[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }

    private static long[] trim(long[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }

    private static double[] trim(double[] a, int length) {
        return a.length == length ? a : Arrays.copyOf(a, length);
    }

    private static final class ColumnBuilder {
        final String name;
        final MeasureType type;
        long[] presence;
        double[] doubles;
        long[] longs;
        String[] strings;

        ColumnBuilder(String name, MeasureType type, int capacity) {
            this.name = name;
            this.type = type;
            presence = new long[ValueColumn.bitsetWords(capacity)];
            if (type == MeasureType.DOUBLE) {
                doubles = new double[capacity];
            } else if (type == MeasureType.VARCHAR) {
                strings = new String[capacity];
            } else {
                longs = new long[type == MeasureType.BOOLEAN ? ValueColumn.bitsetWords(capacity) : capacity];
            }
        }

        void grow(int capacity) {
            presence = Arrays.copyOf(presence, ValueColumn.bitsetWords(capacity));
            if (doubles != null) {
                doubles = Arrays.copyOf(doubles, capacity);
            } else if (strings != null) {
                strings = Arrays.copyOf(strings, capacity);
            } else {
                longs = Arrays.copyOf(longs, type == MeasureType.BOOLEAN ? ValueColumn.bitsetWords(capacity) : capacity);
            }
        }

        ValueColumn build(int rows) {
            int words = ValueColumn.bitsetWords(rows);
            return new ValueColumn(name, type, rows, trim(presence, words),
                    doubles == null ? null : trim(doubles, rows),
                    longs == null ? null : trim(longs, type == MeasureType.BOOLEAN ? words : rows),
                    strings == null ? null : Arrays.copyOf(strings, rows));
        }

        IllegalArgumentException wrongType(String wanted) {
            return new IllegalArgumentException("cannot set value: wrong type, column=" + name + ", type=" + type
                    + ", wanted=" + wanted);
        }
    }
}
