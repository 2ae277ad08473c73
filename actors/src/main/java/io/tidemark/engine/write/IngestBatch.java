package io.tidemark.engine.write;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.PartitionKey;
import io.tidemark.engine.catalog.SchemaDelta;
import io.tidemark.engine.catalog.TableDescription;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchBuilder;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A write to one table, built row by row into one columnar {@link WriteBatch} per shard, so the
 * hot path allocates nothing per point. Declare each series with {@link #series} and each value
 * column with {@link #column}; then per record call {@link #addRow} and the {@code set*} calls for
 * its values. {@code addRow} applies the rules every write path shares: the acceptance window of
 * the memory store (and of the magnetic store when the table takes magnetic writes) and the
 * table's required partition-key dimensions. A rejected row is recorded with its reason and its
 * {@code set*} calls are ignored. Not thread-safe.
 */
public final class IngestBatch {

    /** Timestream accepts records up to 15 minutes ahead of the server's clock. */
    public static final Duration FUTURE_WINDOW = Duration.ofMinutes(15);

    private static final DateTimeFormatter WINDOW_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int NO_ROW = -1;
    /** Series room made up front at most (rows may share series: 5,000 lines of 100 hosts); more grow as they arrive. */
    private static final int MAX_PRESIZED_SERIES = 1_024;

    private final TableDescription table;
    private final long memoryLowerNanos;
    private final long upperNanos;
    /** Lower bound for magnetic-store writes; {@code Long.MAX_VALUE} when the table takes none. */
    private final long magneticLowerNanos;

    /** Sized from the expected rows (a series per row at most): a call of 100 records grew it four times. */
    private final Map<SeriesKey, Integer> seriesHandles;
    private final List<SeriesKey> seriesKeys;
    private int[] seriesShard;
    private int[] seriesLocal;
    private int[] seriesBytes;
    /** Per series handle, why its rows are refused (a required partition key is missing), or null. */
    private final List<String> seriesRejection;

    private final Map<String, Integer> columnHandles = new HashMap<>();
    private final List<String> columnNames = new ArrayList<>();
    private final List<MeasureType> columnTypes = new ArrayList<>();

    private final Map<String, MeasureType> measures = new LinkedHashMap<>();
    private final Set<String> dimensionNames = new LinkedHashSet<>();
    /** The dimension names ({@link SeriesFacts#dimensionNames}) last added to {@link #dimensionNames}. */
    private List<String> namesOf;

    private final ShardRows[] shards;
    private final int expectedShardRows;
    private final List<RejectedRecord> rejections = new ArrayList<>();

    private ShardRows currentShard;
    private int currentRow = NO_ROW;
    private int rows;
    /** The time range of the rows added, for the write's notification to live queries. */
    private long minTimeNanos = Long.MAX_VALUE;
    private long maxTimeNanos = Long.MIN_VALUE;

    /**
     * @param nowMillis the server clock at the start of the write; the windows are computed once
     */
    public IngestBatch(TableDescription table, long nowMillis) {
        this(table, nowMillis, 0);
    }

    /**
     * @param nowMillis the server clock at the start of the write; the windows are computed once
     * @param expectedRows rows the caller means to add: each shard's part makes room for its share
     *     (with some slack for uneven spread) up front instead of growing as rows arrive
     */
    public IngestBatch(TableDescription table, long nowMillis, int expectedRows) {
        this.table = table;
        int perShard = Math.max(0, expectedRows) / table.shardCount();
        this.expectedShardRows = perShard + perShard / 4;
        long retentionMillis = table.retention().memoryStoreRetention().toMillis();
        long lowerMillis = Math.max(nowMillis - retentionMillis, table.memoryStoreFloorMillis());
        this.memoryLowerNanos = Math.multiplyExact(lowerMillis, 1_000_000L);
        this.upperNanos = Math.multiplyExact(nowMillis + FUTURE_WINDOW.toMillis(), 1_000_000L);
        this.magneticLowerNanos = table.magneticStoreWrites().enableMagneticStoreWrites()
                ? Math.multiplyExact(nowMillis - table.retention().totalRetention().toMillis(), 1_000_000L)
                : Long.MAX_VALUE;
        this.shards = new ShardRows[table.shardCount()];
        int seriesRoom = Math.max(16, Math.min(expectedRows, MAX_PRESIZED_SERIES));
        this.seriesHandles = new HashMap<>(seriesRoom * 4 / 3 + 1);
        this.seriesKeys = new ArrayList<>(seriesRoom);
        this.seriesShard = new int[seriesRoom];
        this.seriesLocal = new int[seriesRoom];
        this.seriesBytes = new int[seriesRoom];
        this.seriesRejection = new ArrayList<>(seriesRoom);
    }

    public TableDescription table() {
        return table;
    }

    /**
     * The handle of a series, declaring it on first use.
     *
     * @param measureType the type its measure name is written with: MULTI for a multi-measure
     *     series, else the type of its single value
     * @throws EngineException (validation) when this batch already uses the measure name with
     *     another type
     */
    public int series(SeriesKey key, MeasureType measureType) {
        Integer handle = seriesHandles.get(key);
        if (handle != null) {
            return handle;
        }
        MeasureType known = measures.putIfAbsent(key.measureName(), measureType);
        if (known != null && known != measureType) {
            throw EngineException.validation("cannot write measure with two types in one batch: measureName="
                    + key.measureName() + ", types=" + known + "," + measureType);
        }
        int h = seriesKeys.size();
        if (h == seriesShard.length) {
            seriesShard = Arrays.copyOf(seriesShard, h * 2);
            seriesLocal = Arrays.copyOf(seriesLocal, h * 2);
            seriesBytes = Arrays.copyOf(seriesBytes, h * 2);
        }
        int shard = key.shard(table.shardCount());
        seriesKeys.add(key);
        seriesShard[h] = shard;
        seriesLocal[h] = shardRows(shard).builder.addNewSeries(key); // new to this batch, so to its shard's
        SeriesFacts facts = SeriesFacts.of(key);
        // Series of one write nearly always share their dimension names (one host after another): the set
        // of names only needs adding to when they differ from the last series'.
        if (facts.dimensionNames != namesOf) {
            dimensionNames.addAll(facts.dimensionNames);
            namesOf = facts.dimensionNames;
        }
        seriesBytes[h] = facts.bytes;
        seriesRejection.add(missingPartitionKey(key));
        seriesHandles.put(key, h);
        return h;
    }

    /** The type this batch writes a measure name with, or null when it does not use the name yet. */
    public MeasureType measureType(String measureName) {
        return measures.get(measureName);
    }

    /**
     * The handle of a value column, declaring it on first use: a multi-measure attribute, or a
     * single-measure series' {@link MeasureType#valueColumnName()}.
     *
     * @throws EngineException (validation) when the name is already used with another type
     */
    public int column(String name, MeasureType type) {
        Integer handle = columnHandles.get(name);
        if (handle != null) {
            if (columnTypes.get(handle) != type) {
                throw EngineException.validation("cannot write attribute with two types in one batch: name=" + name
                        + ", types=" + columnTypes.get(handle) + "," + type);
            }
            return handle;
        }
        if (!type.isScalar()) {
            throw EngineException.validation("cannot write attribute: type must be scalar, name=" + name);
        }
        int h = columnNames.size();
        columnNames.add(name);
        columnTypes.add(type);
        columnHandles.put(name, h);
        for (ShardRows r : shards) {
            if (r != null) {
                r.addColumnHandle(h);
            }
        }
        return h;
    }

    /** The type this batch writes a value column with, or null when it does not use the column yet. */
    public MeasureType columnType(String name) {
        Integer handle = columnHandles.get(name);
        return handle == null ? null : columnTypes.get(handle);
    }

    /**
     * Starts the row of record {@code recordIndex}, or rejects the record when its time is outside
     * the table's acceptance windows or its series lacks a required partition-key dimension.
     *
     * @return true when the row was added; false when the record was rejected
     */
    public boolean addRow(int series, long timeNanos, long version, int recordIndex) {
        String refused = seriesRejection.get(series);
        if (refused != null) {
            reject(recordIndex, refused);
            return false;
        }
        boolean magnetic = false;
        if (timeNanos < memoryLowerNanos || timeNanos >= upperNanos) {
            if (timeNanos < upperNanos && timeNanos >= magneticLowerNanos) {
                magnetic = true;
            } else {
                reject(recordIndex, windowReason(timeNanos));
                return false;
            }
        }
        ShardRows shard = shards[seriesShard[series]];
        currentShard = shard;
        currentRow = shard.add(seriesLocal[series], timeNanos, version, recordIndex, magnetic, seriesBytes[series] + 8);
        rows++;
        long earlier = lessMask(timeNanos, minTimeNanos);
        minTimeNanos ^= (minTimeNanos ^ timeNanos) & earlier;
        long later = lessMask(maxTimeNanos, timeNanos);
        maxTimeNanos ^= (maxTimeNanos ^ timeNanos) & later;
        return true;
    }

    public void setDouble(int column, double value) {
        if (currentRow != NO_ROW) {
            currentShard.builder.setDouble(currentShard.column(column, this), value);
            currentShard.rowBytes[currentRow] += 8;
        }
    }

    /** A BIGINT, or a TIMESTAMP in nanoseconds since the epoch. */
    public void setLong(int column, long value) {
        if (currentRow != NO_ROW) {
            currentShard.builder.setLong(currentShard.column(column, this), value);
            currentShard.rowBytes[currentRow] += 8;
        }
    }

    public void setBoolean(int column, boolean value) {
        if (currentRow != NO_ROW) {
            currentShard.builder.setBoolean(currentShard.column(column, this), value);
            currentShard.rowBytes[currentRow] += 1;
        }
    }

    public void setString(int column, String value) {
        if (currentRow != NO_ROW) {
            currentShard.builder.setString(currentShard.column(column, this), value);
            currentShard.rowBytes[currentRow] += utf8Length(value);
        }
    }

    /** Records a rejection found by the caller (a malformed value, a schema conflict …). */
    public void reject(int recordIndex, String reason) {
        rejections.add(RejectedRecord.of(recordIndex, reason));
        currentRow = NO_ROW;
    }

    /** Rows added (accepted so far). */
    public int rowCount() {
        return rows;
    }

    /** The earliest time of the rows added (epoch nanoseconds); {@code Long.MAX_VALUE} before any. */
    public long minTimeNanos() {
        return minTimeNanos;
    }

    /** The latest time of the rows added (epoch nanoseconds); {@code Long.MIN_VALUE} before any. */
    public long maxTimeNanos() {
        return maxTimeNanos;
    }

    /** Rejections so far, sorted by record index. */
    public List<RejectedRecord> rejections() {
        List<RejectedRecord> sorted = new ArrayList<>(rejections);
        sorted.sort(Comparator.comparingInt(RejectedRecord::recordIndex));
        return sorted;
    }

    /** The names and types this batch uses: what the table's schema must hold before it is written. */
    public SchemaDelta schemaDelta() {
        Map<String, MeasureType> attributes = new LinkedHashMap<>();
        for (int i = 0; i < columnNames.size(); i++) {
            if (!columnNames.get(i).startsWith("measure_value::")) {
                attributes.put(columnNames.get(i), columnTypes.get(i));
            }
        }
        return new SchemaDelta(measures, attributes, dimensionNames);
    }

    /** The shards' parts, in shard order, skipping shards without rows. The batch is spent afterwards. */
    public List<ShardPart> build() {
        List<ShardPart> parts = new ArrayList<>();
        for (int s = 0; s < shards.length; s++) {
            ShardRows r = shards[s];
            if (r != null && r.rows > 0) {
                parts.add(new ShardPart(s, r.builder.build(), Arrays.copyOf(r.recordIndexes, r.rows), r.magnetic,
                        Arrays.copyOf(r.rowBytes, r.rows)));
            }
        }
        return parts;
    }

    private ShardRows shardRows(int shard) {
        ShardRows r = shards[shard];
        if (r == null) {
            r = new ShardRows(WriteBatch.builder(table.tableId(), shard, expectedShardRows), expectedShardRows,
                    columnNames.size());
            shards[shard] = r;
        }
        return r;
    }

    private String missingPartitionKey(SeriesKey key) {
        for (PartitionKey pk : table.partitionKeys()) {
            if (pk.type() == PartitionKey.Type.DIMENSION && pk.enforcementInRecord() == PartitionKey.Enforcement.REQUIRED
                    && key.dimensionValue(pk.name()) == null) {
                return "The record is missing the dimension '" + pk.name()
                        + "', which the table requires as its partition key.";
            }
        }
        return null;
    }

    private String windowReason(long timeNanos) {
        if (timeNanos < memoryLowerNanos && magneticLowerNanos != Long.MAX_VALUE) {
            return "The record timestamp is outside the time range [" + format(magneticLowerNanos) + ", "
                    + format(memoryLowerNanos) + ") of the magnetic store.";
        }
        return "The record timestamp is outside the time range [" + format(memoryLowerNanos) + ", "
                + format(upperNanos) + ") of the memory store.";
    }

    private static String format(long nanos) {
        return WINDOW_FORMAT.format(Instant.ofEpochMilli(Math.floorDiv(nanos, 1_000_000L)));
    }

    /**
     * -1 when {@code a < b}, else 0, without a branch (the sign of {@code a - b}, corrected for
     * overflow): rows mostly come in time order, so only a batch's first row lowers its minimum, and
     * as a branch that case would be compiled out of {@link #addRow} in a long write only to be met
     * by the next batch's first row (a deoptimisation and a recompile of the caller in a fresh server).
     */
    static long lessMask(long a, long b) {
        long d = a - b;
        return (d ^ ((a ^ b) & (d ^ a))) >> 63;
    }

    /** UTF-8 length without encoding: ASCII counts one byte, the rest by code unit. */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                bytes += c >= 0x800 && !Character.isSurrogate(c) ? 2 : 1;
            }
        }
        return bytes;
    }

    /** The rows of one shard and what maps them back to records. */
    private static final class ShardRows {
        final WriteBatchBuilder builder;
        final BitSet magnetic = new BitSet();
        int[] recordIndexes;
        int[] rowBytes;
        /**
         * Batch column handle → this builder's column index, -1 until the column is first set here.
         * It holds every handle the batch has declared ({@link #addColumnHandle}), so setting a value
         * never meets a handle past its end: that branch, taken only at a batch's first values, was
         * compiled out of a long write and hit again by the next batch (a deoptimisation).
         */
        int[] columnIndex;
        int rows;

        ShardRows(WriteBatchBuilder builder, int expectedRows, int columnHandles) {
            this.builder = builder;
            recordIndexes = new int[Math.max(16, expectedRows)];
            rowBytes = new int[recordIndexes.length];
            columnIndex = new int[Math.max(8, columnHandles)];
            Arrays.fill(columnIndex, -1);
        }

        /** Makes room for the batch's newly declared column {@code handle}. */
        void addColumnHandle(int handle) {
            if (handle >= columnIndex.length) {
                int old = columnIndex.length;
                columnIndex = Arrays.copyOf(columnIndex, Math.max(handle + 1, old * 2));
                Arrays.fill(columnIndex, old, columnIndex.length, -1);
            }
        }

        int add(int localSeries, long timeNanos, long version, int recordIndex, boolean isMagnetic, int bytes) {
            int row = builder.addRow(localSeries, timeNanos, version);
            if (row == recordIndexes.length) {
                recordIndexes = Arrays.copyOf(recordIndexes, row * 2);
                rowBytes = Arrays.copyOf(rowBytes, row * 2);
            }
            recordIndexes[row] = recordIndex;
            rowBytes[row] = bytes;
            if (isMagnetic) {
                magnetic.set(row);
            }
            rows = row + 1;
            return row;
        }

        int column(int handle, IngestBatch batch) {
            int c = columnIndex[handle];
            if (c < 0) {
                c = builder.column(batch.columnNames.get(handle), batch.columnTypes.get(handle));
                columnIndex[handle] = c;
            }
            return c;
        }
    }
}
