package io.tidemark.engine.write;

import static io.tidemark.engine.write.IngestBatch.utf8Length;
import static io.tidemark.engine.write.ValidationErrors.quote;

import io.tidemark.storage.model.MeasureType;
import java.util.Arrays;

/**
 * The per-record rules of WriteRecords that depend only on the record itself: names, limits and
 * sizes. Each check returns the rejection reason, or null when the record passes.
 *
 * <p>Sizes are measured as Timestream meters a record: UTF-8 bytes of every dimension name and
 * value and of the measure name, 8 bytes of time, and per value its attribute name (for a
 * multi-measure record) plus 8 bytes for DOUBLE, BIGINT and TIMESTAMP, 1 for BOOLEAN and the UTF-8
 * bytes of a VARCHAR.
 */
final class RecordChecks {

    private static final int TIME_BYTES = 8;

    private final WriteLimits limits;

    RecordChecks(WriteLimits limits) {
        this.limits = limits;
    }

    String measureName(String name) {
        if (name == null || name.isEmpty()) {
            return "The record has no MeasureName.";
        }
        String reason = NameRules.lengthReason("measure name", name, limits.maxMeasureNameBytes());
        return reason != null ? reason : NameRules.reservedReason("measure name", name);
    }

    /**
     * Checks a Dimensions list on its own: the request rules of its items (a null item or member,
     * a DimensionValueType other than VARCHAR), then the per-record rules that need no other
     * member. A dimension value must not be empty: an empty value would make the series
     * indistinguishable from one without the dimension in SQL, and Timestream refuses it too.
     */
    RecordDimensions dimensions(RecordFields f) {
        int n = f.dimensionCount;
        String[] names = Arrays.copyOf(f.dimensionNames, n);
        String[] values = Arrays.copyOf(f.dimensionValues, n);
        for (int d = 0; d < n; d++) {
            String member = f.dimensionItemNull[d] ? "" : names[d] == null ? "name" : values[d] == null ? "value"
                    : f.dimensionTypes[d] != null && !f.dimensionTypes[d].equals("VARCHAR") ? "dimensionValueType"
                    : null;
            if (member != null) {
                return new RecordDimensions(names, values, d, member.isEmpty() ? null : member, f.dimensionTypes[d],
                        -1, null, null, 0);
            }
        }
        int bytes = 0;
        for (int d = 0; d < n; d++) {
            bytes += utf8Length(names[d]) + utf8Length(values[d]);
        }
        for (int d = 0; d < n; d++) {
            String before = dimension(names[d], values[d]);
            String after = null;
            for (int e = 0; before == null && after == null && e < d; e++) {
                if (names[e].equals(names[d])) {
                    after = "The dimension name " + quote(names[d]) + " appears more than once in the record.";
                }
            }
            if (before != null || after != null) {
                return new RecordDimensions(names, values, -1, null, null, d, before, after, bytes);
            }
        }
        return new RecordDimensions(names, values, -1, null, null, -1, null, null, bytes);
    }

    /** The rules of a record's merged dimensions (CommonAttributes' first) that depend on its measure name. */
    String dimensions(RecordDimensions common, RecordDimensions own, String measureName) {
        int count = common.count() + own.count();
        if (count > limits.maxDimensionsPerRecord()) {
            return "The record has " + count + " dimensions; the limit is " + limits.maxDimensionsPerRecord() + ".";
        }
        String reason = common.reason(measureName);
        return reason != null ? reason : own.reason(measureName);
    }

    String dimensionBytesReason(int bytes) {
        if (bytes > limits.maxDimensionBytes()) {
            return "The record's dimension names and values are " + bytes + " bytes together; the limit is "
                    + limits.maxDimensionBytes() + " bytes.";
        }
        return null;
    }

    /** The rules of one dimension on its own. */
    private String dimension(String name, String value) {
        if (name.isEmpty()) {
            return "The record has a dimension with an empty name.";
        }
        String reason = NameRules.lengthReason("dimension name", name, limits.maxDimensionNameBytes());
        if (reason == null) {
            reason = NameRules.columnNameReason("dimension name", name);
        }
        if (reason != null) {
            return reason;
        }
        if (value.isEmpty()) {
            return "The dimension " + quote(name) + " has an empty value; dimension values must not be empty.";
        }
        return null;
    }

    String attributeCount(int count) {
        if (count > limits.maxAttributesPerRecord()) {
            return "The record has " + count + " MeasureValues; the limit is " + limits.maxAttributesPerRecord() + ".";
        }
        return null;
    }

    /** Checks an attribute name against the rules and against the record's dimensions and earlier attributes. */
    String attributeName(String name, RecordDimensions common, RecordDimensions own, String[] columns, int from,
            int to) {
        if (name.isEmpty()) {
            return "The record has a MeasureValue with an empty name.";
        }
        String reason = NameRules.lengthReason("attribute name", name, limits.maxMeasureNameBytes());
        if (reason == null) {
            reason = NameRules.columnNameReason("attribute name", name);
        }
        if (reason != null) {
            return reason;
        }
        int hash = name.hashCode();
        for (int v = from; v < to; v++) {
            if (columns[v].hashCode() == hash && columns[v].equals(name)) {
                return "The attribute " + quote(name) + " appears more than once in the record's MeasureValues.";
            }
        }
        if (common.contains(name) || own.contains(name)) {
            return "The attribute " + quote(name) + " is also a dimension of the record; a name is either a"
                    + " dimension or a measure.";
        }
        return null;
    }

    /**
     * A value's text: 1 … {@code maxMeasureValueChars} characters.
     *
     * @param attribute the attribute's name, or null for a single-measure value
     */
    String valueLength(int length, String attribute) {
        if (length > 0 && length <= limits.maxMeasureValueChars()) {
            return null;
        }
        String what = attribute == null ? "measure value" : "value of the attribute " + quote(attribute);
        if (length == 0) {
            return "The " + what + " is empty.";
        }
        return "The " + what + " is " + length + " characters long; the limit is " + limits.maxMeasureValueChars()
                + " characters.";
    }

    String attributeValueBytes(MeasureType[] types, String[] strings, int from, int to) {
        return attributeValueBytesReason(storedBytes(types, strings, from, to));
    }

    /** @param bytes a multi-measure record's {@link #storedBytes} */
    String attributeValueBytesReason(int bytes) {
        if (bytes > limits.maxAttributeValueBytes()) {
            return "The record's MeasureValues are " + bytes + " bytes together; the limit is "
                    + limits.maxAttributeValueBytes() + " bytes.";
        }
        return null;
    }

    /** The stored sizes of the values {@code [from, to)} together. */
    static int storedBytes(MeasureType[] types, String[] strings, int from, int to) {
        int bytes = 0;
        for (int v = from; v < to; v++) {
            bytes += storedBytes(types[v], strings[v]);
        }
        return bytes;
    }

    /** @param dimensionBytes the record's {@link #dimensionBytes} */
    String recordSize(int dimensionBytes, String measureName, boolean multi, String[] columns, MeasureType[] types,
            String[] strings, int from, int to) {
        int bytes = dimensionBytes + utf8Length(measureName) + TIME_BYTES + storedBytes(types, strings, from, to);
        for (int v = from; multi && v < to; v++) {
            bytes += utf8Length(columns[v]);
        }
        return recordBytesReason(bytes);
    }

    /** @param bytes a record's size as Timestream meters it */
    String recordBytesReason(int bytes) {
        if (bytes > limits.maxRecordBytes()) {
            return "The record is " + bytes + " bytes; the limit is " + limits.maxRecordBytes() + " bytes.";
        }
        return null;
    }

    private static int storedBytes(MeasureType type, String varchar) {
        switch (type) {
            case BOOLEAN:
                return 1;
            case VARCHAR:
                return utf8Length(varchar);
            default:
                return 8;
        }
    }
}
