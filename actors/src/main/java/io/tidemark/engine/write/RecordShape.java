package io.tidemark.engine.write;

import static io.tidemark.engine.write.IngestBatch.utf8Length;

import io.tidemark.storage.model.MeasureType;
import java.util.Objects;

/**
 * The names of the last multi-measure record a {@link WriteRecordsBuilder} accepted: its measure
 * name, its dimension names and its attributes' names and types. A record of the same names (a
 * host writing the same fields as the previous one, nearly every record of a metrics write) passed
 * every rule that depends on names alone with that record (the measure name's, the attribute
 * count's, each attribute name's against the rules, the record's dimensions and its other
 * attributes, and the request's names): only the rules that depend on its values and dimension
 * values are left to check. Also keeps the names' share of the record size. Not thread-safe.
 */
final class RecordShape {

    private static final int TIME_BYTES = 8;

    private String measureName;
    private String[] dimensionNames;
    /** Attributes of the shape; -1 while there is none. */
    private int valueCount = -1;
    private String[] valueNames = new String[16];
    private String[] valueTypeNames = new String[16];
    private MeasureType[] valueTypes = new MeasureType[16];
    private int nameBytes;

    /** True when a record of these names (its attributes {@code values}'s MeasureValues) has the last shape accepted. */
    boolean matches(String measure, RecordDimensions dims, RecordFields values) {
        int n = values.valueCount;
        if (n != valueCount || !Objects.equals(measure, measureName) || !sameNames(dims.names)) {
            return false;
        }
        String[] names = values.valueNames;
        String[] types = values.valueTypes;
        for (int v = 0; v < n; v++) {
            if (!Objects.equals(names[v], valueNames[v]) || !Objects.equals(types[v], valueTypeNames[v])) {
                return false;
            }
        }
        return true;
    }

    private boolean sameNames(String[] names) {
        if (names == dimensionNames) {
            return true;
        }
        if (names.length != dimensionNames.length) {
            return false;
        }
        for (int d = 0; d < names.length; d++) {
            if (!names[d].equals(dimensionNames[d])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Remembers an accepted multi-measure record's names.
     *
     * @param columnTypes the types its attributes were read as, {@code columnTypes[from, from + count)}
     */
    void remember(String measure, RecordDimensions dims, RecordFields values, MeasureType[] columnTypes, int from) {
        int n = values.valueCount;
        if (n > valueNames.length) {
            valueNames = new String[n];
            valueTypeNames = new String[n];
            valueTypes = new MeasureType[n];
        }
        System.arraycopy(values.valueNames, 0, valueNames, 0, n);
        System.arraycopy(values.valueTypes, 0, valueTypeNames, 0, n);
        System.arraycopy(columnTypes, from, valueTypes, 0, n);
        measureName = measure;
        dimensionNames = dims.names;
        valueCount = n;
        int bytes = utf8Length(measure) + TIME_BYTES;
        for (int v = 0; v < n; v++) {
            bytes += utf8Length(valueNames[v]);
        }
        nameBytes = bytes;
    }

    /** The type of the shape's attribute {@code v}. */
    MeasureType valueType(int v) {
        return valueTypes[v];
    }

    /** The UTF-8 bytes of the measure name and the attribute names, and the time's 8: a record's size but its dimensions and values. */
    int nameBytes() {
        return nameBytes;
    }
}
