package io.tidemark.loadtest.tsbs;

import java.util.List;

/**
 * The shape of one measurement's rows: its name, tag names (the entity's tags first, then the
 * measurement's own, in TSBS emission order), and field names with their kinds.
 */
public record MeasurementSchema(String name, List<String> tagNames, List<String> fieldNames, List<FieldKind> fieldKinds) {

    /** How a field's values are emitted. */
    public enum FieldKind {
        /** A 64-bit integer ({@code 58i} in line protocol, BIGINT in WriteRecords). */
        INTEGER,
        /** A double (DOUBLE in WriteRecords). */
        FLOAT
    }

    public MeasurementSchema {
        tagNames = List.copyOf(tagNames);
        fieldNames = List.copyOf(fieldNames);
        fieldKinds = List.copyOf(fieldKinds);
        if (fieldNames.size() != fieldKinds.size()) {
            throw new IllegalArgumentException("cannot describe measurement: name=" + name + ", fields="
                    + fieldNames.size() + ", kinds=" + fieldKinds.size());
        }
    }

    /** A measurement whose fields are all of one kind. */
    static MeasurementSchema of(String name, List<String> tagNames, List<String> fieldNames, FieldKind kind) {
        return new MeasurementSchema(name, tagNames, fieldNames, fieldNames.stream().map(f -> kind).toList());
    }

    public int tagCount() {
        return tagNames.size();
    }

    public int fieldCount() {
        return fieldNames.size();
    }

    public boolean isInteger(int field) {
        return fieldKinds.get(field) == FieldKind.INTEGER;
    }
}
