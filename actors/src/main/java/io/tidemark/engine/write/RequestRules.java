package io.tidemark.engine.write;

import static io.tidemark.engine.write.ValidationErrors.listMemberPath;
import static io.tidemark.engine.write.ValidationErrors.recordPath;

import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.TimeUnit;

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

    static void requireResourceName(String name, String member) {
        if (name == null) {
            throw ValidationErrors.notNull(member);
        }
        if (name.isEmpty()) {
            throw ValidationErrors.notEmpty(member);
        }
    }

    /** Records given, 1 … {@code maxRecords} of them. */
    static void checkRecordCount(boolean given, int count, int maxRecords) {
        if (!given) {
            throw ValidationErrors.notNull("records");
        }
        if (count == 0) {
            throw ValidationErrors.tooFewRecords();
        }
        if (count > maxRecords) {
            throw ValidationErrors.tooManyRecords(count, maxRecords);
        }
    }

    /** CommonAttributes: the rules of a record, and no dimension name twice. */
    static void checkCommon(RecordFields common, RecordDimensions dims) {
        checkRecord(common, dims, -1, RecordDimensions.NONE);
        for (int d = 1; d < dims.count(); d++) {
            for (int e = 0; e < d; e++) {
                if (dims.names[e].equals(dims.names[d])) {
                    throw ValidationErrors.duplicateCommonDimension(dims.names[d]);
                }
            }
        }
    }

    /**
     * The members of one record (or of CommonAttributes, {@code index} -1) that Timestream's model
     * constrains: required members, enums, Version, Time syntax, and no dimension repeated from
     * CommonAttributes.
     *
     * @param dims the record's checked Dimensions
     * @param common CommonAttributes' checked Dimensions
     */
    static void checkRecord(RecordFields r, RecordDimensions dims, int index, RecordDimensions common) {
        if (r.measureValueType != null && !isMeasureType(r.measureValueType)) {
            throw ValidationErrors.notInEnum(r.measureValueType, recordPath(index, "measureValueType"),
                    ValidationErrors.MEASURE_VALUE_TYPES);
        }
        if (r.timeUnit != null && !isTimeUnit(r.timeUnit)) {
            throw ValidationErrors.notInEnum(r.timeUnit, recordPath(index, "timeUnit"), ValidationErrors.TIME_UNITS);
        }
        if (r.hasVersion && r.version < 1) {
            throw ValidationErrors.versionBelowOne(r.version, index);
        }
        if (r.hasTime()) {
            if (r.timeLength > ValidationErrors.MAX_TIME_CHARS) {
                throw ValidationErrors.invalidTime(r.timeText(), index, "is longer than 256 characters.");
            }
            if (!WireValues.isInteger(r.text, r.timeStart, r.timeLength)) {
                throw ValidationErrors.invalidTime(r.timeText(), index,
                        "is not an integer count of the record's TimeUnit.");
            }
        }
        // a list without a broken item, in a request without common dimensions, has nothing to find here
        for (int d = 0; (!dims.isReusable() || common.count() > 0) && d < dims.count(); d++) {
            if (dims.breaksRequestRule(d)) {
                throw dims.requestRuleError(index);
            }
            if (common.contains(dims.names[d])) {
                throw ValidationErrors.dimensionInCommonAttributes(dims.names[d], index);
            }
        }
        for (int v = 0; v < r.valueCount; v++) {
            String member = r.valueItemNull[v] ? "" : r.valueNames[v] == null ? "name"
                    : r.valueStarts[v] == RecordFields.ABSENT ? "value" : r.valueTypes[v] == null ? "type" : null;
            if (member != null) {
                throw ValidationErrors.notNull(listMemberPath(index, "measureValues", v,
                        member.isEmpty() ? null : member));
            }
            if (!isMeasureType(r.valueTypes[v])) {
                throw ValidationErrors.notInEnum(r.valueTypes[v], listMemberPath(index, "measureValues", v, "type"),
                        ValidationErrors.MEASURE_VALUE_TYPES);
            }
        }
    }

    /** The measure type a valid {@link #checkRecord checked} type name names. */
    static MeasureType measureType(String name) {
        MeasureType t = measureTypeOrNull(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown measure value type: " + name);
        }
        return t;
    }

    static TimeUnit timeUnit(String name) {
        if (name == null) {
            return TimeUnit.MILLISECONDS;
        }
        TimeUnit u = timeUnitOrNull(name);
        if (u == null) {
            throw new IllegalArgumentException("unknown time unit: " + name);
        }
        return u;
    }

    private static boolean isMeasureType(String s) {
        return measureTypeOrNull(s) != null;
    }

    private static boolean isTimeUnit(String s) {
        return timeUnitOrNull(s) != null;
    }

    /**
     * Readers hand over interned names (the enum constants' own strings), so an identity pass
     * settles nearly every lookup; other strings (the object form's) are compared by their text.
     */
    private static MeasureType measureTypeOrNull(String s) {
        for (MeasureType t : MEASURE_TYPES) {
            if (t.name() == s) {
                return t;
            }
        }
        for (MeasureType t : MEASURE_TYPES) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        return null;
    }

    private static TimeUnit timeUnitOrNull(String s) {
        for (TimeUnit u : TIME_UNITS) {
            if (u.name() == s) {
                return u;
            }
        }
        for (TimeUnit u : TIME_UNITS) {
            if (u.name().equals(s)) {
                return u;
            }
        }
        return null;
    }
}
