package io.tidemark.engine.write;

import static io.tidemark.engine.write.ValidationErrors.listMemberPath;
import static io.tidemark.engine.write.ValidationErrors.recordPath;

import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.TimeUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules whose break fails a whole WriteRecords request with a ValidationException: what
 * Timestream's model requires of the request's members. Each check throws, worded by
 * {@link ValidationErrors}; nothing is written.
 */
final class RequestRules {

    private static final MeasureType[] MEASURE_TYPES = MeasureType.values();
    private static final TimeUnit[] TIME_UNITS = TimeUnit.values();

    private RequestRules() {
    }

    /** The request's own members and CommonAttributes. */
    static void checkRequest(WriteRecordsRequest request, int maxRecords) {
        requireResourceName(request.databaseName(), "databaseName");
        requireResourceName(request.tableName(), "tableName");
        List<RecordInput> records = request.records();
        if (records == null) {
            throw ValidationErrors.notNull("records");
        }
        if (records.isEmpty()) {
            throw ValidationErrors.tooFewRecords();
        }
        if (records.size() > maxRecords) {
            throw ValidationErrors.tooManyRecords(records.size(), maxRecords);
        }
        RecordInput common = request.commonAttributes();
        if (common != null) {
            checkRecord(common, -1, null);
            checkCommonDimensionsDistinct(common);
        }
    }

    private static void requireResourceName(String name, String member) {
        if (name == null) {
            throw ValidationErrors.notNull(member);
        }
        if (name.isEmpty()) {
            throw ValidationErrors.notEmpty(member);
        }
    }

    /**
     * The members of one record (or of CommonAttributes, {@code index} -1) that Timestream's model
     * constrains: required members, enums, Version, Time syntax, and no dimension repeated from
     * CommonAttributes.
     */
    static void checkRecord(RecordInput r, int index, RecordInput common) {
        if (r == null) {
            throw ValidationErrors.notNull("records." + (index + 1) + ".member");
        }
        if (r.measureValueType() != null && !isMeasureType(r.measureValueType())) {
            throw ValidationErrors.notInEnum(r.measureValueType(), recordPath(index, "measureValueType"),
                    ValidationErrors.MEASURE_VALUE_TYPES);
        }
        if (r.timeUnit() != null && !isTimeUnit(r.timeUnit())) {
            throw ValidationErrors.notInEnum(r.timeUnit(), recordPath(index, "timeUnit"), ValidationErrors.TIME_UNITS);
        }
        if (r.version() != null && r.version() < 1) {
            throw ValidationErrors.versionBelowOne(r.version(), index);
        }
        if (r.time() != null) {
            if (r.time().length() > ValidationErrors.MAX_TIME_CHARS) {
                throw ValidationErrors.invalidTime(r.time(), index, "is longer than 256 characters.");
            }
            if (!WireValues.isInteger(r.time())) {
                throw ValidationErrors.invalidTime(r.time(), index, "is not an integer count of the record's TimeUnit.");
            }
        }
        List<DimensionInput> dims = r.dimensions();
        for (int d = 0; dims != null && d < dims.size(); d++) {
            DimensionInput dim = dims.get(d);
            if (dim == null) {
                throw ValidationErrors.notNull(listMemberPath(index, "dimensions", d, null));
            }
            if (dim.name() == null) {
                throw ValidationErrors.notNull(listMemberPath(index, "dimensions", d, "name"));
            }
            if (dim.value() == null) {
                throw ValidationErrors.notNull(listMemberPath(index, "dimensions", d, "value"));
            }
            if (dim.dimensionValueType() != null && !dim.dimensionValueType().equals("VARCHAR")) {
                throw ValidationErrors.notInEnum(dim.dimensionValueType(),
                        listMemberPath(index, "dimensions", d, "dimensionValueType"),
                        ValidationErrors.DIMENSION_VALUE_TYPES);
            }
            if (common != null && common.dimensions() != null && hasDimension(common, dim.name())) {
                throw ValidationErrors.dimensionInCommonAttributes(dim.name(), index);
            }
        }
        List<MeasureValueInput> values = r.measureValues();
        for (int v = 0; values != null && v < values.size(); v++) {
            MeasureValueInput value = values.get(v);
            if (value == null) {
                throw ValidationErrors.notNull(listMemberPath(index, "measureValues", v, null));
            }
            if (value.name() == null) {
                throw ValidationErrors.notNull(listMemberPath(index, "measureValues", v, "name"));
            }
            if (value.value() == null) {
                throw ValidationErrors.notNull(listMemberPath(index, "measureValues", v, "value"));
            }
            if (value.type() == null) {
                throw ValidationErrors.notNull(listMemberPath(index, "measureValues", v, "type"));
            }
            if (!isMeasureType(value.type())) {
                throw ValidationErrors.notInEnum(value.type(), listMemberPath(index, "measureValues", v, "type"),
                        ValidationErrors.MEASURE_VALUE_TYPES);
            }
        }
    }

    private static void checkCommonDimensionsDistinct(RecordInput common) {
        List<DimensionInput> dims = common.dimensions();
        Set<String> names = new HashSet<>();
        for (int d = 0; dims != null && d < dims.size(); d++) {
            if (!names.add(dims.get(d).name())) {
                throw ValidationErrors.duplicateCommonDimension(dims.get(d).name());
            }
        }
    }

    private static boolean hasDimension(RecordInput r, String name) {
        for (DimensionInput d : r.dimensions()) {
            if (d.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMeasureType(String s) {
        for (MeasureType t : MEASURE_TYPES) {
            if (t.name().equals(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeUnit(String s) {
        for (TimeUnit u : TIME_UNITS) {
            if (u.name().equals(s)) {
                return true;
            }
        }
        return false;
    }
}
