package io.tidemark.engine.write;

import io.tidemark.engine.catalog.SchemaDelta;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;

/**
 * A WriteRecords request after {@link RecordConverter#parse}: CommonAttributes merged in, every
 * value read into a primitive once, and the records that break a per-record rule already
 * rejected. The valid records are held column-wise (one array per field, values of all records
 * in one run of arrays) so that {@link RecordConverter#fill} copies primitives and allocates
 * nothing per value. Immutable once built.
 */
public final class ParsedWrite {

    private final String databaseName;
    private final String tableName;
    private final int recordCount;
    /** Per record: its series, or null when the record was rejected. */
    private final SeriesKey[] keys;
    private final MeasureType[] measureTypes;
    private final long[] timeNanos;
    private final long[] versions;
    /** Record r's values are {@code [valueOffsets[r], valueOffsets[r + 1])}. */
    private final int[] valueOffsets;
    private final String[] valueColumns;
    private final MeasureType[] valueTypes;
    /** DOUBLE raw bits, BIGINT, BOOLEAN 0/1, or TIMESTAMP epoch nanoseconds. */
    private final long[] valueBits;
    /** VARCHAR values; null for other types. */
    private final String[] valueStrings;
    private final int maxValuesPerRecord;
    private final List<RejectedRecord> rejections;
    private final SchemaDelta schemaDelta;

    /** Takes the arrays as they are: only the first {@code recordCount} records (and their values) are read. */
    ParsedWrite(String databaseName, String tableName, int recordCount, SeriesKey[] keys, MeasureType[] measureTypes,
            long[] timeNanos, long[] versions, int[] valueOffsets, String[] valueColumns, MeasureType[] valueTypes,
            long[] valueBits, String[] valueStrings, List<RejectedRecord> rejections, SchemaDelta schemaDelta) {
        this.databaseName = databaseName;
        this.tableName = tableName;
        this.recordCount = recordCount;
        this.keys = keys;
        this.measureTypes = measureTypes;
        this.timeNanos = timeNanos;
        this.versions = versions;
        this.valueOffsets = valueOffsets;
        this.valueColumns = valueColumns;
        this.valueTypes = valueTypes;
        this.valueBits = valueBits;
        this.valueStrings = valueStrings;
        int widest = 0;
        for (int r = 0; r < recordCount; r++) {
            widest = Math.max(widest, valueOffsets[r + 1] - valueOffsets[r]);
        }
        this.maxValuesPerRecord = widest;
        this.rejections = List.copyOf(rejections);
        this.schemaDelta = schemaDelta;
    }

    public String databaseName() {
        return databaseName;
    }

    public String tableName() {
        return tableName;
    }

    /** Records in the request, valid or not. */
    public int recordCount() {
        return recordCount;
    }

    /** True when record {@code index} passed parsing; {@link #rejections()} has the others. */
    public boolean isValid(int index) {
        return keys[index] != null;
    }

    public int validRecordCount() {
        return recordCount - rejections.size();
    }

    /** The records rejected while parsing, by ascending record index. */
    public List<RejectedRecord> rejections() {
        return rejections;
    }

    /** The names and types the valid records use: what to register with the catalog before {@code fill}. */
    public SchemaDelta schemaDelta() {
        return schemaDelta;
    }

    /** The series of valid record {@code index}. */
    public SeriesKey seriesKey(int index) {
        return keys[index];
    }

    /** MULTI for a multi-measure record, else the type of its single value. */
    public MeasureType measureType(int index) {
        return measureTypes[index];
    }

    public long timeNanos(int index) {
        return timeNanos[index];
    }

    public long version(int index) {
        return versions[index];
    }

    int valueStart(int index) {
        return valueOffsets[index];
    }

    int valueEnd(int index) {
        return valueOffsets[index + 1];
    }

    /** The value's column: a multi-measure attribute name, or {@code measure_value::<type>}. */
    String valueColumn(int value) {
        return valueColumns[value];
    }

    MeasureType valueType(int value) {
        return valueTypes[value];
    }

    long valueBits(int value) {
        return valueBits[value];
    }

    String valueString(int value) {
        return valueStrings[value];
    }

    int maxValuesPerRecord() {
        return maxValuesPerRecord;
    }
}
