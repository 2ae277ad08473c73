package io.tidemark.engine.query.differential;

import io.tidemark.engine.write.DimensionInput;
import io.tidemark.engine.write.MeasureValueInput;
import io.tidemark.engine.write.RecordInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated Timestream record and the table row it becomes: dimensions (absent ones are NULL
 * columns), measure name, time, and its values by column name — {@code measure_value::<type>} for
 * a single-measure record, the attribute names for a multi-measure one.
 *
 * @param timeMicros the record's time in microseconds since the epoch
 * @param inMicroseconds whether the record is written with unit MICROSECONDS (else MILLISECONDS; then timeMicros is whole ms)
 * @param values column name to value: Double, Long, String or Boolean
 * @param types column name to Timestream type (DOUBLE, BIGINT, VARCHAR, BOOLEAN)
 */
public record DataRow(String table, Map<String, String> dimensions, String measureName, long timeMicros,
        boolean inMicroseconds, boolean multi, Map<String, Object> values, Map<String, String> types, long version) {

    public DataRow {
        dimensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        types = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(types));
        if (!inMicroseconds && timeMicros % 1000 != 0) {
            throw new IllegalArgumentException("a millisecond record needs a whole-ms time: timeMicros=" + timeMicros);
        }
    }

    /** A single-measure record. */
    public static DataRow single(String table, Map<String, String> dimensions, String measureName, long timeMicros,
            boolean inMicroseconds, String type, Object value) {
        String column = "measure_value::" + type.toLowerCase(java.util.Locale.ROOT);
        return new DataRow(table, dimensions, measureName, timeMicros, inMicroseconds, false, Map.of(column, value),
                Map.of(column, type), 1);
    }

    public DataRow withVersion(long newVersion, Object newValue) {
        String column = values.keySet().iterator().next();
        return new DataRow(table, dimensions, measureName, timeMicros, inMicroseconds, multi, Map.of(column, newValue),
                types, newVersion);
    }

    public long timeNanos() {
        return timeMicros * 1000;
    }

    /** The record in Timestream's wire shape. */
    public RecordInput toRecordInput() {
        List<DimensionInput> dims = new ArrayList<>();
        dimensions.forEach((name, value) -> dims.add(new DimensionInput(name, value, null)));
        String time = inMicroseconds ? Long.toString(timeMicros) : Long.toString(timeMicros / 1000);
        String unit = inMicroseconds ? "MICROSECONDS" : "MILLISECONDS";
        Long recordVersion = version == 1 ? null : version;
        if (!multi) {
            Map.Entry<String, Object> value = values.entrySet().iterator().next();
            return new RecordInput(dims, measureName, wire(value.getValue()), types.get(value.getKey()), time, unit,
                    recordVersion, null);
        }
        List<MeasureValueInput> attributes = new ArrayList<>();
        values.forEach((name, value) -> attributes.add(new MeasureValueInput(name, wire(value), types.get(name))));
        return new RecordInput(dims, measureName, null, "MULTI", time, unit, recordVersion, attributes);
    }

    private static String wire(Object value) {
        return value.toString();
    }
}
