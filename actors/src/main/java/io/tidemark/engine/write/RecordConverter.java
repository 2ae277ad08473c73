package io.tidemark.engine.write;

import static io.tidemark.engine.write.ValidationErrors.quote;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.catalog.TableSchema;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.Map;
import java.util.Set;

/**
 * Turns a WriteRecords request into rows of an {@link IngestBatch}, in two phases so that the
 * engine can register the request's new names with the catalog in between:
 * <ol>
 *   <li>{@link #parse} (a {@link WriteRecordsBuilder}, which a streaming reader feeds directly): the
 *       whole-request rules (a break throws a validation
 *       {@link EngineException}, nothing is written) and the per-record rules (a break rejects that
 *       record only, with its index and reason); the result names the measures, attributes and
 *       dimensions the valid records use ({@link ParsedWrite#schemaDelta()}).</li>
 *   <li>{@link #fill}: each still-valid record against the table's schema as the catalog returned
 *       it after registration, then into the batch, which applies the time window and the
 *       required partition keys.</li>
 * </ol>
 *
 * <p>Whole-request errors (ValidationException): a missing or empty DatabaseName or TableName;
 * Records missing, empty or over {@link WriteLimits#maxRecordsPerRequest()}; a null record,
 * dimension or MeasureValue, or one without a required member (Dimension Name/Value, MeasureValue
 * Name/Value/Type); a MeasureValueType, TimeUnit, DimensionValueType or MeasureValue Type outside
 * its enum; a Version below 1; a Time missing, longer than 256 characters or not an integer
 * ({@code Invalid time for record.}); a dimension name given twice in CommonAttributes, or given
 * both in CommonAttributes and in a record ({@link RequestRules}). Every other rule rejects one
 * record: a name missing, empty, reserved or too long ({@link NameRules}), a {@link WriteLimits}
 * limit broken, a value that does not read as its type, a MULTI record without MeasureValues or
 * with a MeasureValue, MeasureValues on a scalar record, an attribute or dimension named twice
 * ({@link RecordChecks}); a measure name or attribute written with two types in one request, or a
 * name used both as a dimension and as a measure or attribute (the later record is rejected).
 *
 * <p>Decisions where Timestream's behaviour is not documented:
 * <ul>
 *   <li>CommonAttributes merge field by field: for MeasureName, MeasureValue, MeasureValueType,
 *       Time, TimeUnit, Version and MeasureValues the record's own value wins when it has one
 *       (MeasureValues as a whole list); dimensions are the union (CommonAttributes' first).</li>
 *   <li>Numbers are strict ASCII text: {@code [+-]digits} for BIGINT, Time and TIMESTAMP, decimal
 *       with optional fraction and exponent for DOUBLE ({@code 1e3} is accepted); NaN, Infinity,
 *       hexadecimal and spaces are rejected, as is a DOUBLE beyond the double range. BOOLEAN is
 *       {@code true} or {@code false} in any letter case.</li>
 *   <li>A TIMESTAMP attribute counts units of the record's TimeUnit (MILLISECONDS by default) and
 *       is stored in nanoseconds; TIMESTAMP is refused as a single-measure type.</li>
 *   <li>A Time whose nanoseconds overflow 64 bits is treated as the far past or future, so the
 *       time window rejects the record with its usual reason.</li>
 *   <li>An empty dimension value is rejected; an empty measure value, attribute value or name is
 *       rejected as well (Timestream's model requires at least one character).</li>
 *   <li>Column names are unique across kinds: a name used as a dimension may not be a measure
 *       name or an attribute name, in a record, in the request or in the table.</li>
 *   <li>An attribute name has the measure name's limit (256 bytes); dimension and attribute names
 *       may not contain a colon (they become SQL columns).</li>
 *   <li>Record size, and the attribute-value bytes of a MULTI record, are counted as Timestream
 *       meters a record (see {@link RecordChecks}), not as the text on the wire.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class RecordConverter {

    private final WriteLimits limits;

    public RecordConverter(WriteLimits limits) {
        this.limits = limits;
    }

    public WriteLimits limits() {
        return limits;
    }

    /**
     * Validates and merges a request, reading every value once.
     *
     * @throws EngineException of kind VALIDATION when the request as a whole is malformed
     */
    public ParsedWrite parse(WriteRecordsRequest request) {
        return builder(request).build();
    }

    /** A request in object form fed to a {@link WriteRecordsBuilder}, ready to {@link WriteRecordsBuilder#build}. */
    public WriteRecordsBuilder builder(WriteRecordsRequest request) {
        WriteRecordsBuilder builder = new WriteRecordsBuilder(limits);
        builder.databaseName(request.databaseName());
        builder.tableName(request.tableName());
        if (request.commonAttributes() != null) {
            builder.commonAttributes(new RecordFields().set(request.commonAttributes()));
        }
        if (request.records() != null) {
            builder.recordsPresent();
            RecordFields fields = new RecordFields();
            for (RecordInput r : request.records()) {
                if (r == null) {
                    builder.nullRecord();
                } else {
                    builder.record(fields.set(r));
                }
            }
        }
        return builder;
    }

    /**
     * Adds the parsed records to {@code batch}: the rejections found by {@link #parse}, then each
     * valid record as a row, or as a rejection when it does not fit {@code schema} (a measure name
     * or attribute bound to another type, a name of another kind, a name the catalog did not take)
     * or when the batch refuses it (time window, required partition key). Never throws for any
     * input {@code parse} accepted; allocates nothing per value.
     *
     * @param schema the table's schema after the catalog registered {@link ParsedWrite#schemaDelta()}
     * @param batch a batch for the table the request names
     */
    public void fill(ParsedWrite parsed, TableSchema schema, IngestBatch batch) {
        for (RejectedRecord r : parsed.rejections()) {
            batch.reject(r.recordIndex(), r.reason());
        }
        int[] columns = new int[parsed.maxValuesPerRecord()];
        int lastFit = -1;
        for (int i = 0; i < parsed.recordCount(); i++) {
            if (!parsed.isValid(i)) {
                continue;
            }
            // A record with the names of the last one that fitted fits too: the schema and the batch's names
            // only grew by that record's own names. Its values go to the same columns.
            boolean sameNames = lastFit >= 0 && sameNames(parsed, i, lastFit);
            String reason = sameNames ? null : schemaConflict(parsed, i, schema, batch);
            if (reason != null) {
                batch.reject(i, reason);
                continue;
            }
            lastFit = i;
            int series = batch.series(parsed.seriesKey(i), parsed.measureType(i));
            int start = parsed.valueStart(i);
            int end = parsed.valueEnd(i);
            for (int v = start; !sameNames && v < end; v++) {
                columns[v - start] = batch.column(parsed.valueColumn(v), parsed.valueType(v));
            }
            if (batch.addRow(series, parsed.timeNanos(i), parsed.version(i), i)) {
                for (int v = start; v < end; v++) {
                    setValue(parsed, v, columns[v - start], batch);
                }
            }
        }
    }

    private static void setValue(ParsedWrite parsed, int v, int column, IngestBatch batch) {
        switch (parsed.valueType(v)) {
            case DOUBLE:
                batch.setDouble(column, Double.longBitsToDouble(parsed.valueBits(v)));
                break;
            case BIGINT:
            case TIMESTAMP:
                batch.setLong(column, parsed.valueBits(v));
                break;
            case BOOLEAN:
                batch.setBoolean(column, parsed.valueBits(v) != 0);
                break;
            case VARCHAR:
                batch.setString(column, parsed.valueString(v));
                break;
            default:
                throw new IllegalStateException("a parsed value is always scalar: " + parsed.valueType(v));
        }
    }

    /** True when valid records {@code i} and {@code j} have the same measure name, dimension names and value columns. */
    private static boolean sameNames(ParsedWrite parsed, int i, int j) {
        SeriesKey a = parsed.seriesKey(i);
        SeriesKey b = parsed.seriesKey(j);
        int values = parsed.valueEnd(i) - parsed.valueStart(i);
        if (parsed.measureType(i) != parsed.measureType(j) || !a.measureName().equals(b.measureName())
                || a.dimensionCount() != b.dimensionCount() || values != parsed.valueEnd(j) - parsed.valueStart(j)) {
            return false;
        }
        for (int d = 0; d < a.dimensionCount(); d++) {
            if (!a.dimension(d).name().equals(b.dimension(d).name())) {
                return false;
            }
        }
        for (int v = 0; v < values; v++) {
            int vi = parsed.valueStart(i) + v;
            int vj = parsed.valueStart(j) + v;
            if (parsed.valueType(vi) != parsed.valueType(vj) || !parsed.valueColumn(vi).equals(parsed.valueColumn(vj))) {
                return false;
            }
        }
        return true;
    }

    /** Why valid record {@code i} does not fit the table's schema or the batch so far, or null. */
    private static String schemaConflict(ParsedWrite parsed, int i, TableSchema schema, IngestBatch batch) {
        SeriesKey key = parsed.seriesKey(i);
        String measureName = key.measureName();
        MeasureType type = parsed.measureType(i);
        String reason = measureConflict(measureName, type, schema, batch);
        for (int d = 0; reason == null && d < key.dimensionCount(); d++) {
            reason = dimensionConflict(key.dimension(d).name(), schema);
        }
        for (int v = parsed.valueStart(i); reason == null && v < parsed.valueEnd(i); v++) {
            String column = parsed.valueColumn(v);
            MeasureType columnType = parsed.valueType(v);
            MeasureType inBatch = batch.columnType(column);
            if (inBatch != null && inBatch != columnType) {
                reason = "The attribute " + quote(column) + " is written as " + inBatch + " earlier in this write and"
                        + " as " + columnType + " by this record; an attribute has one type.";
            } else if (type == MeasureType.MULTI) {
                reason = attributeConflict(column, columnType, schema);
            }
        }
        return reason;
    }

    private static String measureConflict(String name, MeasureType type, TableSchema schema, IngestBatch batch) {
        MeasureType bound = schema.measures().get(name);
        if (bound != null && bound != type) {
            return "The measure name " + quote(name) + " is bound to the type " + bound + " in this table; the record"
                    + " writes it as " + type + ". A measure name keeps the type it was first written with.";
        }
        if (schema.dimensions().contains(name)) {
            return "The measure name " + quote(name) + " is a dimension name in this table; a name is either a"
                    + " dimension or a measure.";
        }
        if (bound == null) {
            return refused("measure name", name, schema.measures(), TableSchema.MAX_MEASURE_NAMES);
        }
        MeasureType inBatch = batch.measureType(name);
        if (inBatch != null && inBatch != type) {
            return "The measure name " + quote(name) + " is written as " + inBatch + " earlier in this write and as "
                    + type + " by this record; a measure name has one type.";
        }
        return null;
    }

    private static String dimensionConflict(String name, TableSchema schema) {
        if (schema.measures().containsKey(name) || schema.attributes().containsKey(name)) {
            return "The dimension name " + quote(name) + " is a measure or attribute name in this table; a name is"
                    + " either a dimension or a measure.";
        }
        if (!schema.dimensions().contains(name)) {
            return refused("dimension name", name, schema.dimensions(), TableSchema.MAX_DIMENSION_NAMES);
        }
        return null;
    }

    private static String attributeConflict(String name, MeasureType type, TableSchema schema) {
        if (schema.dimensions().contains(name)) {
            return "The attribute " + quote(name) + " is a dimension name in this table; a name is either a"
                    + " dimension or a measure.";
        }
        MeasureType bound = schema.attributes().get(name);
        if (bound != null && bound != type) {
            return "The attribute " + quote(name) + " is bound to the type " + bound + " in this table; the record"
                    + " writes it as " + type + ". An attribute keeps the type it was first written with.";
        }
        if (bound == null) {
            return refused("attribute name", name, schema.attributes(), TableSchema.MAX_ATTRIBUTE_NAMES);
        }
        return null;
    }

    /** The reason for a name the catalog did not add to the table: its limit, or a clash it saw. */
    private static String refused(String kind, String name, Map<String, ?> names, int limit) {
        return refused(kind, name, names.size(), limit);
    }

    private static String refused(String kind, String name, Set<String> names, int limit) {
        return refused(kind, name, names.size(), limit);
    }

    private static String refused(String kind, String name, int known, int limit) {
        if (known >= limit) {
            return "The table has reached its limit of " + limit + " " + kind + "s; the " + kind + " " + quote(name)
                    + " cannot be added.";
        }
        return "The table did not take the " + kind + " " + quote(name)
                + ": it clashes with a name of another kind in the table.";
    }
}
