package io.tidemark.engine.write;

import static io.tidemark.engine.write.IngestBatch.utf8Length;
import static io.tidemark.engine.write.ValidationErrors.quote;

import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import java.util.List;

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
     * Checks the merged dimensions (CommonAttributes' first) and adds them to {@code out}. A
     * dimension value must not be empty: an empty value would make the series indistinguishable
     * from one without the dimension in SQL, and Timestream refuses it too.
     */
    String dimensions(List<DimensionInput> common, List<DimensionInput> own, String measureName, List<Dimension> out) {
        int count = (common == null ? 0 : common.size()) + (own == null ? 0 : own.size());
        if (count > limits.maxDimensionsPerRecord()) {
            return "The record has " + count + " dimensions; the limit is " + limits.maxDimensionsPerRecord() + ".";
        }
        for (int list = 0; list < 2; list++) {
            List<DimensionInput> dims = list == 0 ? common : own;
            for (int d = 0; dims != null && d < dims.size(); d++) {
                DimensionInput dim = dims.get(d);
                String reason = dimension(dim, measureName, out);
                if (reason != null) {
                    return reason;
                }
                out.add(new Dimension(dim.name(), dim.value()));
            }
        }
        return null;
    }

    /** The UTF-8 bytes of the names and values of checked dimensions. */
    static int dimensionBytes(List<Dimension> dims) {
        int bytes = 0;
        for (int d = 0; d < dims.size(); d++) {
            bytes += utf8Length(dims.get(d).name()) + utf8Length(dims.get(d).value());
        }
        return bytes;
    }

    String dimensionBytesReason(int bytes) {
        if (bytes > limits.maxDimensionBytes()) {
            return "The record's dimension names and values are " + bytes + " bytes together; the limit is "
                    + limits.maxDimensionBytes() + " bytes.";
        }
        return null;
    }

    private String dimension(DimensionInput dim, String measureName, List<Dimension> earlier) {
        String name = dim.name();
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
        if (dim.value().isEmpty()) {
            return "The dimension " + quote(name) + " has an empty value; dimension values must not be empty.";
        }
        if (name.equals(measureName)) {
            return "The dimension name " + quote(name) + " is also the record's measure name; a name is either a"
                    + " dimension or a measure.";
        }
        for (Dimension d : earlier) {
            if (d.name().equals(name)) {
                return "The dimension name " + quote(name) + " appears more than once in the record.";
            }
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
    String attributeName(String name, List<Dimension> dims, String[] columns, int from, int to) {
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
        for (int d = 0; d < dims.size(); d++) {
            if (dims.get(d).name().equals(name)) {
                return "The attribute " + quote(name) + " is also a dimension of the record; a name is either a"
                        + " dimension or a measure.";
            }
        }
        return null;
    }

    /** A value's text: 1 … {@code maxMeasureValueChars} characters. */
    String valueLength(String text, String what) {
        if (text.isEmpty()) {
            return "The " + what + " is empty.";
        }
        if (text.length() > limits.maxMeasureValueChars()) {
            return "The " + what + " is " + text.length() + " characters long; the limit is "
                    + limits.maxMeasureValueChars() + " characters.";
        }
        return null;
    }

    String attributeValueBytes(MeasureType[] types, String[] strings, int from, int to) {
        int bytes = 0;
        for (int v = from; v < to; v++) {
            bytes += storedBytes(types[v], strings[v]);
        }
        if (bytes > limits.maxAttributeValueBytes()) {
            return "The record's MeasureValues are " + bytes + " bytes together; the limit is "
                    + limits.maxAttributeValueBytes() + " bytes.";
        }
        return null;
    }

    /** @param dimensionBytes the record's {@link #dimensionBytes} */
    String recordSize(int dimensionBytes, String measureName, boolean multi, String[] columns, MeasureType[] types,
            String[] strings, int from, int to) {
        int bytes = dimensionBytes + utf8Length(measureName) + TIME_BYTES;
        for (int v = from; v < to; v++) {
            bytes += storedBytes(types[v], strings[v]) + (multi ? utf8Length(columns[v]) : 0);
        }
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
