package io.tidemark.engine.write;

import static io.tidemark.engine.write.ValidationErrors.quote;

import io.tidemark.engine.EngineException;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.model.TimeUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One WriteRecords request fed member by member, in the order a reader meets them, and parsed on
 * the way (the first phase of {@link RecordConverter}): the one implementation of WriteRecords'
 * rules, whether the request arrives as objects ({@link RecordConverter#parse}) or is streamed
 * from the wire. Per-record problems ({@link RecordChecks}, and the consistency of names across
 * the request) become rejections; the valid records are written into the column arrays of a
 * {@link ParsedWrite}. A break of a whole-request rule ({@link RequestRules}) is kept and thrown by
 * {@link #build}, which reports the error Timestream would (the request's names first, then the
 * record count, CommonAttributes, and the first record breaking a rule), whatever the order the
 * members came in. One instance per request; not thread-safe.
 */
public final class WriteRecordsBuilder {

    private static final String[] VALUE_COLUMNS = new String[MeasureType.values().length];

    static {
        for (MeasureType t : MeasureType.values()) {
            if (t.isScalar()) {
                VALUE_COLUMNS[t.ordinal()] = t.valueColumnName();
            }
        }
    }

    private static final RecordFields NO_COMMON_ATTRIBUTES = new RecordFields();
    private static final String MULTI_WITH_MEASURE_VALUE = "The record has the MeasureValueType MULTI and a"
            + " MeasureValue; a MULTI record carries its values in MeasureValues only.";

    private final WriteLimits limits;
    private final RecordChecks checks;

    private String databaseName;
    private String tableName;
    private RecordFields common = NO_COMMON_ATTRIBUTES;
    private RecordDimensions commonDimensions = RecordDimensions.NONE;
    private EngineException commonError;
    private boolean recordsGiven;
    private int recordCount;
    private EngineException recordError;

    /** Names of the records accepted so far, with their types: the request's schema delta. */
    private final RequestNames names = new RequestNames();
    /** The names of the last accepted multi-measure record: a record of the same names skips the rules of names. */
    private final RecordShape lastShape = new RecordShape();
    private final boolean sameShapeShortcut;

    private final List<RejectedRecord> rejections = new ArrayList<>();
    private SeriesKey[] keys = new SeriesKey[16];
    private MeasureType[] measureTypes = new MeasureType[16];
    private long[] timeNanos = new long[16];
    private long[] versions = new long[16];
    private int[] valueOffsets = new int[17];
    private String[] valueColumns = new String[64];
    private MeasureType[] valueTypes = new MeasureType[64];
    private long[] valueBits = new long[64];
    private String[] valueStrings = new String[64];
    private int valueCount;

    public WriteRecordsBuilder(WriteLimits limits) {
        this(limits, true);
    }

    /** @param sameShapeShortcut false to check every record's names in full (the reference for tests) */
    WriteRecordsBuilder(WriteLimits limits, boolean sameShapeShortcut) {
        this.limits = limits;
        this.checks = new RecordChecks(limits);
        this.sameShapeShortcut = sameShapeShortcut;
    }

    public void databaseName(String name) {
        databaseName = name;
    }

    public void tableName(String name) {
        tableName = name;
    }

    public String databaseName() {
        return databaseName;
    }

    public String tableName() {
        return tableName;
    }

    /**
     * The request's CommonAttributes, before any record. The builder keeps {@code fields}: the
     * caller must not change them afterwards.
     */
    public void commonAttributes(RecordFields fields) {
        if (recordsGiven) {
            throw new IllegalStateException("cannot take CommonAttributes after the records");
        }
        RecordDimensions dims = dimensionsOf(fields);
        try {
            RequestRules.checkCommon(fields, dims);
            common = fields;
            commonDimensions = dims;
        } catch (EngineException e) {
            commonError = e;
        }
    }

    /** The request has a Records list (perhaps empty). */
    public void recordsPresent() {
        recordsGiven = true;
    }

    /** Checks a record's Dimensions list on its own; a reader may keep a {@link RecordDimensions#isReusable} result. */
    public RecordDimensions dimensions(RecordFields fields) {
        return checks.dimensions(fields);
    }

    /** The next record of the list, read at once: the caller may clear and reuse {@code fields}. */
    public void record(RecordFields fields) {
        recordsGiven = true;
        int index = recordCount++;
        if (!keepsParsing(index)) {
            return;
        }
        try {
            RecordDimensions dims = dimensionsOf(fields);
            RequestRules.checkRecord(fields, dims, index, commonDimensions);
            parseRecord(fields, dims, index);
        } catch (EngineException e) {
            recordError = e;
        }
    }

    /** A null item in the Records list (the object form only). */
    void nullRecord() {
        recordsGiven = true;
        int index = recordCount++;
        if (keepsParsing(index)) {
            recordError = ValidationErrors.notNull("records." + (index + 1) + ".member");
        }
    }

    /**
     * The parsed request.
     *
     * @throws EngineException of kind VALIDATION when the request as a whole is malformed
     */
    public ParsedWrite build() {
        RequestRules.requireResourceName(databaseName, "databaseName");
        RequestRules.requireResourceName(tableName, "tableName");
        RequestRules.checkRecordCount(recordsGiven, recordCount, limits.maxRecordsPerRequest());
        if (commonError != null) {
            throw commonError;
        }
        if (recordError != null) {
            throw recordError;
        }
        return new ParsedWrite(databaseName, tableName, recordCount, keys, measureTypes, timeNanos, versions,
                valueOffsets, valueColumns, valueTypes, valueBits, valueStrings, rejections,
                names.schemaDelta());
    }

    /** Past a whole-request error, or past the record limit, records are only counted. */
    private boolean keepsParsing(int index) {
        if (commonError != null || recordError != null || index >= limits.maxRecordsPerRequest()) {
            return false;
        }
        if (index == keys.length) {
            growRecords(index * 2);
        }
        return true;
    }

    /**
     * A hint from a reader that has read the first records: the request holds about
     * {@code records} records in all. Makes room for them (up to the record limit) and for as many
     * values per record as the records so far had, so that the arrays do not grow by doubling,
     * copying every value again each time.
     */
    public void expectRecords(int records) {
        int n = Math.min(records, limits.maxRecordsPerRequest());
        if (n > keys.length) {
            growRecords(n);
        }
        if (recordCount > 0) {
            long values = (long) n * Math.max(1, valueCount / recordCount);
            if (values > valueBits.length) {
                growValues((int) Math.min(values, Integer.MAX_VALUE - 8));
            }
        }
    }

    private void growRecords(int n) {
        keys = Arrays.copyOf(keys, n);
        measureTypes = Arrays.copyOf(measureTypes, n);
        timeNanos = Arrays.copyOf(timeNanos, n);
        versions = Arrays.copyOf(versions, n);
        valueOffsets = Arrays.copyOf(valueOffsets, n + 1);
    }

    private void growValues(int n) {
        valueColumns = Arrays.copyOf(valueColumns, n);
        valueTypes = Arrays.copyOf(valueTypes, n);
        valueBits = Arrays.copyOf(valueBits, n);
        valueStrings = Arrays.copyOf(valueStrings, n);
    }

    private RecordDimensions dimensionsOf(RecordFields fields) {
        if (fields.dimensions != null) {
            return fields.dimensions;
        }
        return fields.hasDimensions ? checks.dimensions(fields) : RecordDimensions.NONE;
    }

    // ---- one record: merge, then the per-record rules ----

    private void parseRecord(RecordFields r, RecordDimensions dims, int index) {
        RecordFields c = common;
        RecordFields timeFrom = r.hasTime() ? r : c;
        if (!timeFrom.hasTime()) {
            throw ValidationErrors.invalidTime(null, index, "is missing: neither the record nor CommonAttributes"
                    + " gives a Time.");
        }
        TimeUnit unit = RequestRules.timeUnit(r.timeUnit != null ? r.timeUnit : c.timeUnit);
        long version = r.hasVersion ? r.version : c.hasVersion ? c.version : 1L;
        String typeName = r.measureValueType != null ? r.measureValueType : c.measureValueType;
        MeasureType type = typeName == null ? MeasureType.DOUBLE : RequestRules.measureType(typeName);
        String measureName = r.measureName != null ? r.measureName : c.measureName;

        int start = valueCount;
        valueOffsets[index] = start;
        RecordFields valuesFrom = r.hasMeasureValues ? r : c;
        boolean sameShape = sameShapeShortcut && type == MeasureType.MULTI
                && lastShape.matches(measureName, dims, valuesFrom);
        String reason = sameShape ? null : checks.measureName(measureName);
        SeriesKey key = null;
        if (reason == null && commonDimensions.count() == 0) {
            key = dims.knownKey(measureName);
        }
        if (reason == null && key == null) {
            reason = checks.dimensions(commonDimensions, dims, measureName);
        }
        int dimensionBytes = commonDimensions.bytes + dims.bytes;
        if (reason == null) {
            reason = checks.dimensionBytesReason(dimensionBytes);
        }
        if (reason == null && sameShape) {
            reason = sameShapeValues(r, unit, dimensionBytes);
        } else {
            if (reason == null) {
                reason = type == MeasureType.MULTI ? multiValues(r, unit, dims) : singleValue(r, type, unit);
            }
            if (reason == null) {
                reason = checks.recordSize(dimensionBytes, measureName, type == MeasureType.MULTI, valueColumns,
                        valueTypes, valueStrings, start, valueCount);
            }
            if (reason == null) {
                reason = names.add(measureName, type, commonDimensions, dims, valueColumns, valueTypes, start,
                        valueCount);
            }
            if (reason == null && type == MeasureType.MULTI) {
                lastShape.remember(measureName, dims, valuesFrom, valueTypes, start);
            }
        }
        if (reason != null) {
            valueCount = start;
            valueOffsets[index + 1] = start;
            rejections.add(RejectedRecord.of(index, reason));
            return;
        }
        if (key == null) {
            key = seriesKey(dims, measureName);
        }
        keys[index] = key;
        measureTypes[index] = type;
        long time = WireValues.parseSaturated(timeFrom.text, timeFrom.timeStart, timeFrom.timeLength);
        timeNanos[index] = WireValues.multiplySaturated(time, unit.nanosPerUnit());
        versions[index] = version;
        valueOffsets[index + 1] = valueCount;
    }

    private SeriesKey seriesKey(RecordDimensions dims, String measureName) {
        if (commonDimensions.count() == 0) {
            SeriesKey key = SeriesKey.of(dims.list, measureName);
            dims.rememberKey(key);
            return key;
        }
        List<Dimension> merged = new ArrayList<>(commonDimensions.list);
        merged.addAll(dims.list);
        return SeriesKey.of(merged, measureName);
    }

    private String singleValue(RecordFields r, MeasureType type, TimeUnit unit) {
        if (type == MeasureType.TIMESTAMP) {
            return "The MeasureValueType TIMESTAMP is only allowed for the attributes of a MULTI record.";
        }
        RecordFields multi = r.hasMeasureValues ? r : common;
        if (multi.valueCount > 0) {
            return "The record has MeasureValues but its MeasureValueType is " + type
                    + "; MeasureValues need the type MULTI.";
        }
        RecordFields from = r.hasMeasureValue() ? r : common;
        if (!from.hasMeasureValue()) {
            return "The record has no MeasureValue.";
        }
        return addValue(VALUE_COLUMNS[type.ordinal()], type, from.text, from.measureValueStart,
                from.measureValueLength, unit, null);
    }

    private String multiValues(RecordFields r, TimeUnit unit, RecordDimensions dims) {
        if (r.hasMeasureValue() || common.hasMeasureValue()) {
            return MULTI_WITH_MEASURE_VALUE;
        }
        RecordFields from = r.hasMeasureValues ? r : common;
        int count = from.valueCount;
        if (count == 0) {
            return "The record has the MeasureValueType MULTI but no MeasureValues.";
        }
        int first = valueCount;
        String reason = checks.attributeCount(count);
        for (int v = 0; reason == null && v < count; v++) {
            String name = from.valueNames[v];
            reason = checks.attributeName(name, commonDimensions, dims, valueColumns, first, valueCount);
            if (reason == null) {
                reason = addValue(name, RequestRules.measureType(from.valueTypes[v]), from.text, from.valueStarts[v],
                        from.valueLengths[v], unit, name);
            }
        }
        return reason == null ? checks.attributeValueBytes(valueTypes, valueStrings, first, valueCount) : reason;
    }

    /**
     * {@link #multiValues} and the record size for a record of {@link #lastShape}'s names: its
     * values are read and their sizes checked; its names passed every rule with the last record.
     */
    private String sameShapeValues(RecordFields r, TimeUnit unit, int dimensionBytes) {
        if (r.hasMeasureValue() || common.hasMeasureValue()) {
            return MULTI_WITH_MEASURE_VALUE;
        }
        RecordFields from = r.hasMeasureValues ? r : common;
        int first = valueCount;
        String reason = null;
        for (int v = 0; reason == null && v < from.valueCount; v++) {
            String name = from.valueNames[v];
            reason = addValue(name, lastShape.valueType(v), from.text, from.valueStarts[v], from.valueLengths[v], unit,
                    name);
        }
        if (reason != null) {
            return reason;
        }
        int valueBytes = RecordChecks.storedBytes(valueTypes, valueStrings, first, valueCount);
        reason = checks.attributeValueBytesReason(valueBytes);
        return reason != null ? reason : checks.recordBytesReason(dimensionBytes + lastShape.nameBytes() + valueBytes);
    }

    /**
     * Reads one value into the value arrays, or says why it cannot be read.
     *
     * @param attribute the attribute's name, or null for a single-measure value
     */
    private String addValue(String column, MeasureType type, char[] text, int off, int len, TimeUnit unit,
            String attribute) {
        String reason = checks.valueLength(len, attribute);
        if (reason != null) {
            return reason;
        }
        int v = valueCount;
        if (v == valueBits.length) {
            growValues(v * 2);
        }
        valueStrings[v] = null;
        switch (type) {
            case DOUBLE:
                double d = WireValues.parseDecimal(text, off, len);
                if (Double.isNaN(d)) {
                    return invalid(attribute, text, off, len, "is not a valid DOUBLE: it must be a decimal number (NaN"
                            + " and Infinity cannot be written).");
                }
                if (Double.isInfinite(d)) {
                    return invalid(attribute, text, off, len, "is out of the range of a DOUBLE.");
                }
                valueBits[v] = Double.doubleToRawLongBits(d);
                break;
            case BIGINT:
                if (!WireValues.isInteger(text, off, len)) {
                    return invalid(attribute, text, off, len, "is not a valid BIGINT: it must be an integer.");
                }
                if (!WireValues.fitsLong(text, off, len)) {
                    return invalid(attribute, text, off, len, "is out of the range of a BIGINT (64-bit signed).");
                }
                valueBits[v] = WireValues.parseSaturated(text, off, len);
                break;
            case BOOLEAN:
                int bool = WireValues.parseBoolean(text, off, len);
                if (bool < 0) {
                    return invalid(attribute, text, off, len, "is not a valid BOOLEAN: it must be true or false.");
                }
                valueBits[v] = bool;
                break;
            case TIMESTAMP:
                if (!WireValues.isInteger(text, off, len)) {
                    return invalid(attribute, text, off, len, "is not a valid TIMESTAMP: it must be an integer count"
                            + " of the record's TimeUnit (" + unit + ").");
                }
                long nanos = WireValues.multiplySaturated(WireValues.parseSaturated(text, off, len),
                        unit.nanosPerUnit());
                if (nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE) {
                    return invalid(attribute, text, off, len, "is out of the range of a TIMESTAMP in " + unit
                            + " (years 1677 to 2262).");
                }
                valueBits[v] = nanos;
                break;
            case VARCHAR:
                valueStrings[v] = new String(text, off, len);
                break;
            default:
                return "The attribute " + quote(attribute) + " has the type MULTI, which names no value type; use"
                        + " DOUBLE, BIGINT, VARCHAR, BOOLEAN or TIMESTAMP.";
        }
        valueColumns[v] = column;
        valueTypes[v] = type;
        valueCount = v + 1;
        return null;
    }

    private static String invalid(String attribute, char[] text, int off, int len, String problem) {
        String value = quote(new String(text, off, len));
        return attribute == null
                ? "The measure value " + value + " " + problem
                : "The attribute " + quote(attribute) + " has the value " + value + ", which " + problem;
    }
}
