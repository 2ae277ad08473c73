package io.tidemark.engine.write;

import static io.tidemark.engine.write.ValidationErrors.quote;

import io.tidemark.engine.catalog.SchemaDelta;
import io.tidemark.storage.model.MeasureType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names the accepted records of one WriteRecords request use, with their types: a later
 * record may not write a measure name or an attribute with another type, nor use a name as a
 * dimension and as a measure or attribute. What it holds is the request's {@link SchemaDelta}.
 * Not thread-safe.
 */
final class RequestNames {

    private final Map<String, MeasureType> measures = new LinkedHashMap<>();
    private final Map<String, MeasureType> attributes = new LinkedHashMap<>();
    private final Set<String> dimensionNames = new LinkedHashSet<>();

    /**
     * The names of the last record added: a record of the same names (a host writing the same
     * fields as the previous one) can neither clash with the request's names nor add to them.
     */
    private String lastMeasureName;
    private MeasureType lastMeasureType;
    private String[] lastDimensionNames;
    private String[] lastColumns = new String[0];
    private MeasureType[] lastColumnTypes = new MeasureType[0];

    /**
     * Adds a record's names, or says why they clash with those of the request's earlier records.
     *
     * @param columns the record's value columns are {@code columns[from, to)}, typed by {@code types}
     * @return the rejection reason, or null when the names were added
     */
    String add(String measureName, MeasureType type, RecordDimensions common, RecordDimensions dims,
            String[] columns, MeasureType[] types, int from, int to) {
        if (isLast(measureName, type, dims, columns, types, from, to)) {
            return null;
        }
        String reason = conflict(measureName, type, common, dims, columns, types, from, to);
        if (reason == null) {
            register(measureName, type, common, dims, columns, types, from, to);
        }
        return reason;
    }

    SchemaDelta schemaDelta() {
        return new SchemaDelta(measures, attributes, dimensionNames);
    }

    /** Why the record's names cannot join those of the request's earlier records, or null. */
    private String conflict(String measureName, MeasureType type, RecordDimensions common, RecordDimensions dims,
            String[] columns, MeasureType[] types, int from, int to) {
        MeasureType known = measures.get(measureName);
        if (known != null && known != type) {
            return "The measure name " + quote(measureName) + " is written as " + known + " by an earlier record of"
                    + " this request and as " + type + " by this one; a measure name has one type.";
        }
        if (dimensionNames.contains(measureName)) {
            return "The measure name " + quote(measureName) + " is a dimension name in an earlier record of this"
                    + " request; a name is either a dimension or a measure.";
        }
        for (int list = 0; list < 2; list++) {
            String[] names = list == 0 ? common.names : dims.names;
            for (String name : names) {
                if (measures.containsKey(name) || attributes.containsKey(name)) {
                    return "The dimension name " + quote(name) + " is a measure or attribute name in an earlier"
                            + " record of this request; a name is either a dimension or a measure.";
                }
            }
        }
        if (type == MeasureType.MULTI) {
            for (int v = from; v < to; v++) {
                MeasureType attributeType = attributes.get(columns[v]);
                if (attributeType != null && attributeType != types[v]) {
                    return "The attribute " + quote(columns[v]) + " is written as " + attributeType
                            + " by an earlier record of this request and as " + types[v]
                            + " by this one; an attribute has one type.";
                }
                if (dimensionNames.contains(columns[v])) {
                    return "The attribute " + quote(columns[v]) + " is a dimension name in an earlier record of"
                            + " this request; a name is either a dimension or a measure.";
                }
            }
        }
        return null;
    }

    /**
     * True when the record's names and types are those of the last record added (CommonAttributes'
     * dimensions are the same for every record of a request).
     */
    private boolean isLast(String measureName, MeasureType type, RecordDimensions dims, String[] columns,
            MeasureType[] types, int from, int to) {
        int count = to - from;
        if (type != lastMeasureType || !measureName.equals(lastMeasureName) || count != lastColumns.length
                || dims.names.length != lastDimensionNames.length) {
            return false;
        }
        for (int d = 0; d < dims.names.length; d++) {
            if (!dims.names[d].equals(lastDimensionNames[d])) {
                return false;
            }
        }
        for (int v = 0; v < count; v++) {
            if (types[from + v] != lastColumnTypes[v] || !columns[from + v].equals(lastColumns[v])) {
                return false;
            }
        }
        return true;
    }

    private void register(String measureName, MeasureType type, RecordDimensions common, RecordDimensions dims,
            String[] columns, MeasureType[] types, int from, int to) {
        lastMeasureName = measureName;
        lastMeasureType = type;
        lastDimensionNames = dims.names;
        lastColumns = Arrays.copyOfRange(columns, from, to);
        lastColumnTypes = Arrays.copyOfRange(types, from, to);
        measures.put(measureName, type);
        for (String name : common.names) {
            dimensionNames.add(name);
        }
        for (String name : dims.names) {
            dimensionNames.add(name);
        }
        if (type == MeasureType.MULTI) {
            for (int v = from; v < to; v++) {
                attributes.put(columns[v], types[v]);
            }
        }
    }
}
