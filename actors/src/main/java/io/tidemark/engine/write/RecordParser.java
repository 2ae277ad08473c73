package io.tidemark.engine.write;

import static io.tidemark.engine.write.ValidationErrors.quote;

import io.tidemark.engine.catalog.SchemaDelta;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import io.tidemark.storage.model.TimeUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one WriteRecords request (the first phase of {@link RecordConverter}): whole-request
 * errors ({@link RequestRules}) are thrown, per-record problems ({@link RecordChecks} and the
 * consistency of names across the request) become rejections, and the valid records are written
 * into the column arrays of a {@link ParsedWrite}. One instance per request.
 */
final class RecordParser {

    private static final String[] VALUE_COLUMNS = new String[MeasureType.values().length];

    static {
        for (MeasureType t : MeasureType.values()) {
            if (t.isScalar()) {
                VALUE_COLUMNS[t.ordinal()] = t.valueColumnName();
            }
        }
    }

    /** Stands in for absent CommonAttributes: every field unset. */
    private static final RecordInput NO_COMMON_ATTRIBUTES = new RecordInput(null, null, null, null, null, null, null,
            null);

    private final WriteLimits limits;
    private final WriteRecordsRequest request;
    private final RecordInput common;
    private final RecordChecks checks;

    /** Names of the records accepted so far, with their types: the request's schema delta. */
    private final Map<String, MeasureType> measures = new LinkedHashMap<>();
    private final Map<String, MeasureType> attributes = new LinkedHashMap<>();
    private final Set<String> dimensionNames = new LinkedHashSet<>();

    private final List<RejectedRecord> rejections = new ArrayList<>();
    private SeriesKey[] keys;
    private MeasureType[] measureTypes;
    private long[] timeNanos;
    private long[] versions;
    private int[] valueOffsets;
    private String[] valueColumns;
    private MeasureType[] valueTypes;
    private long[] valueBits;
    private String[] valueStrings;
    private int valueCount;

    RecordParser(WriteLimits limits, WriteRecordsRequest request) {
        this.limits = limits;
        this.request = request;
        this.common = request.commonAttributes() != null ? request.commonAttributes() : NO_COMMON_ATTRIBUTES;
        this.checks = new RecordChecks(limits);
    }

    ParsedWrite parse() {
        RequestRules.checkRequest(request, limits.maxRecordsPerRequest());
        List<RecordInput> records = request.records();
        allocate(records);
        for (int i = 0; i < records.size(); i++) {
            RecordInput record = records.get(i);
            RequestRules.checkRecord(record, i, common);
            parseRecord(record, i);
        }
        return new ParsedWrite(request.databaseName(), request.tableName(), keys, measureTypes, timeNanos, versions,
                valueOffsets, valueColumns, valueTypes, valueBits, valueStrings, rejections,
                new SchemaDelta(measures, attributes, dimensionNames));
    }

    private void allocate(List<RecordInput> records) {
        int n = records.size();
        int values = 0;
        for (RecordInput r : records) {
            List<MeasureValueInput> mv = r == null ? null : merged(r.measureValues(), common.measureValues());
            values += mv == null ? 1 : Math.max(1, mv.size());
        }
        keys = new SeriesKey[n];
        measureTypes = new MeasureType[n];
        timeNanos = new long[n];
        versions = new long[n];
        valueOffsets = new int[n + 1];
        valueColumns = new String[values];
        valueTypes = new MeasureType[values];
        valueBits = new long[values];
        valueStrings = new String[values];
    }

    // ---- one record: merge, then the per-record rules ----

    private void parseRecord(RecordInput r, int index) {
        String time = merged(r.time(), common.time());
        if (time == null) {
            throw ValidationErrors.invalidTime(null, index, "is missing: neither the record nor CommonAttributes"
                    + " gives a Time.");
        }
        TimeUnit unit = TimeUnit.parse(merged(r.timeUnit(), common.timeUnit()));
        Long version = merged(r.version(), common.version());
        String typeName = merged(r.measureValueType(), common.measureValueType());
        MeasureType type = typeName == null ? MeasureType.DOUBLE : MeasureType.parse(typeName);
        String measureName = merged(r.measureName(), common.measureName());

        int start = valueCount;
        valueOffsets[index] = start;
        String reason = checks.measureName(measureName);
        List<Dimension> dims = null;
        int dimensionBytes = 0;
        if (reason == null) {
            dims = new ArrayList<>();
            reason = checks.dimensions(common.dimensions(), r.dimensions(), measureName, dims);
        }
        if (reason == null) {
            dimensionBytes = RecordChecks.dimensionBytes(dims);
            reason = checks.dimensionBytesReason(dimensionBytes);
        }
        if (reason == null) {
            reason = type == MeasureType.MULTI
                    ? multiValues(r, unit, dims)
                    : singleValue(r, type, unit);
        }
        if (reason == null) {
            reason = checks.recordSize(dimensionBytes, measureName, type == MeasureType.MULTI, valueColumns, valueTypes,
                    valueStrings, start, valueCount);
        }
        if (reason == null) {
            reason = requestConflict(measureName, type, dims, start);
        }
        if (reason != null) {
            valueCount = start;
            valueOffsets[index + 1] = start;
            rejections.add(RejectedRecord.of(index, reason));
            return;
        }
        register(measureName, type, dims, start);
        keys[index] = SeriesKey.of(dims, measureName);
        measureTypes[index] = type;
        timeNanos[index] = WireValues.multiplySaturated(WireValues.parseSaturated(time), unit.nanosPerUnit());
        versions[index] = version == null ? 1L : version;
        valueOffsets[index + 1] = valueCount;
    }

    private static <T> T merged(T recordValue, T commonValue) {
        return recordValue != null ? recordValue : commonValue;
    }

    private String singleValue(RecordInput r, MeasureType type, TimeUnit unit) {
        if (type == MeasureType.TIMESTAMP) {
            return "The MeasureValueType TIMESTAMP is only allowed for the attributes of a MULTI record.";
        }
        List<MeasureValueInput> multi = merged(r.measureValues(), common.measureValues());
        if (multi != null && !multi.isEmpty()) {
            return "The record has MeasureValues but its MeasureValueType is " + type
                    + "; MeasureValues need the type MULTI.";
        }
        String text = merged(r.measureValue(), common.measureValue());
        if (text == null) {
            return "The record has no MeasureValue.";
        }
        return addValue(VALUE_COLUMNS[type.ordinal()], type, text, unit, null);
    }

    private String multiValues(RecordInput r, TimeUnit unit, List<Dimension> dims) {
        if (merged(r.measureValue(), common.measureValue()) != null) {
            return "The record has the MeasureValueType MULTI and a MeasureValue; a MULTI record carries its values"
                    + " in MeasureValues only.";
        }
        List<MeasureValueInput> values = merged(r.measureValues(), common.measureValues());
        if (values == null || values.isEmpty()) {
            return "The record has the MeasureValueType MULTI but no MeasureValues.";
        }
        int first = valueCount;
        String reason = checks.attributeCount(values.size());
        for (int v = 0; reason == null && v < values.size(); v++) {
            MeasureValueInput value = values.get(v);
            reason = checks.attributeName(value.name(), dims, valueColumns, first, valueCount);
            if (reason == null) {
                reason = addValue(value.name(), MeasureType.parse(value.type()), value.value(), unit, value.name());
            }
        }
        return reason == null ? checks.attributeValueBytes(valueTypes, valueStrings, first, valueCount) : reason;
    }

    /**
     * Reads one value into the value arrays, or says why it cannot be read.
     *
     * @param attribute the attribute's name, or null for a single-measure value
     */
    private String addValue(String column, MeasureType type, String text, TimeUnit unit, String attribute) {
        String reason = checks.valueLength(text, attribute == null ? "measure value"
                : "value of the attribute " + quote(attribute));
        if (reason != null) {
            return reason;
        }
        int v = valueCount;
        switch (type) {
            case DOUBLE:
                if (!WireValues.isDecimal(text)) {
                    return invalid(attribute, text, "is not a valid DOUBLE: it must be a decimal number (NaN and"
                            + " Infinity cannot be written).");
                }
                double d = Double.parseDouble(text);
                if (Double.isInfinite(d)) {
                    return invalid(attribute, text, "is out of the range of a DOUBLE.");
                }
                valueBits[v] = Double.doubleToRawLongBits(d);
                break;
            case BIGINT:
                if (!WireValues.isInteger(text)) {
                    return invalid(attribute, text, "is not a valid BIGINT: it must be an integer.");
                }
                try {
                    valueBits[v] = Long.parseLong(text);
                } catch (NumberFormatException overflow) {
                    return invalid(attribute, text, "is out of the range of a BIGINT (64-bit signed).");
                }
                break;
            case BOOLEAN:
                int bool = WireValues.parseBoolean(text);
                if (bool < 0) {
                    return invalid(attribute, text, "is not a valid BOOLEAN: it must be true or false.");
                }
                valueBits[v] = bool;
                break;
            case TIMESTAMP:
                if (!WireValues.isInteger(text)) {
                    return invalid(attribute, text, "is not a valid TIMESTAMP: it must be an integer count of the"
                            + " record's TimeUnit (" + unit + ").");
                }
                long nanos = WireValues.multiplySaturated(WireValues.parseSaturated(text), unit.nanosPerUnit());
                if (nanos == Long.MAX_VALUE || nanos == Long.MIN_VALUE) {
                    return invalid(attribute, text, "is out of the range of a TIMESTAMP in " + unit
                            + " (years 1677 to 2262).");
                }
                valueBits[v] = nanos;
                break;
            case VARCHAR:
                valueStrings[v] = text;
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

    private static String invalid(String attribute, String text, String problem) {
        return attribute == null
                ? "The measure value " + quote(text) + " " + problem
                : "The attribute " + quote(attribute) + " has the value " + quote(text) + ", which " + problem;
    }

    // ---- names across the records of one request ----

    /** Why the record's names cannot join those of the request's earlier records, or null. */
    private String requestConflict(String measureName, MeasureType type, List<Dimension> dims, int start) {
        MeasureType known = measures.get(measureName);
        if (known != null && known != type) {
            return "The measure name " + quote(measureName) + " is written as " + known + " by an earlier record of"
                    + " this request and as " + type + " by this one; a measure name has one type.";
        }
        if (dimensionNames.contains(measureName)) {
            return "The measure name " + quote(measureName) + " is a dimension name in an earlier record of this"
                    + " request; a name is either a dimension or a measure.";
        }
        for (Dimension d : dims) {
            if (measures.containsKey(d.name()) || attributes.containsKey(d.name())) {
                return "The dimension name " + quote(d.name()) + " is a measure or attribute name in an earlier"
                        + " record of this request; a name is either a dimension or a measure.";
            }
        }
        if (type == MeasureType.MULTI) {
            for (int v = start; v < valueCount; v++) {
                MeasureType attributeType = attributes.get(valueColumns[v]);
                if (attributeType != null && attributeType != valueTypes[v]) {
                    return "The attribute " + quote(valueColumns[v]) + " is written as " + attributeType
                            + " by an earlier record of this request and as " + valueTypes[v]
                            + " by this one; an attribute has one type.";
                }
                if (dimensionNames.contains(valueColumns[v])) {
                    return "The attribute " + quote(valueColumns[v]) + " is a dimension name in an earlier record of"
                            + " this request; a name is either a dimension or a measure.";
                }
            }
        }
        return null;
    }

    private void register(String measureName, MeasureType type, List<Dimension> dims, int start) {
        measures.put(measureName, type);
        for (Dimension d : dims) {
            dimensionNames.add(d.name());
        }
        if (type == MeasureType.MULTI) {
            for (int v = start; v < valueCount; v++) {
                attributes.put(valueColumns[v], valueTypes[v]);
            }
        }
    }
}
