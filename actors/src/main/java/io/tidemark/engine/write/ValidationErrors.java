package io.tidemark.engine.write;

import io.tidemark.engine.EngineException;

/**
 * The whole-request errors of WriteRecords, worded as Timestream words its constraint violations
 * ({@code 1 validation error detected: Value 'X' at 'records.1.member.timeUnit' failed to satisfy
 * constraint: ...}). Member paths are Timestream's: list positions in them count from 1, while
 * rejected-record indexes count from 0.
 */
final class ValidationErrors {

    static final String MEASURE_VALUE_TYPES = "[DOUBLE, BIGINT, VARCHAR, BOOLEAN, TIMESTAMP, MULTI]";
    static final String TIME_UNITS = "[MILLISECONDS, SECONDS, MICROSECONDS, NANOSECONDS]";
    static final String DIMENSION_VALUE_TYPES = "[VARCHAR]";

    /** The {@code Time} member is at most 256 characters. */
    static final int MAX_TIME_CHARS = 256;

    private ValidationErrors() {
    }

    /** The path of a member of record {@code recordIndex} (0-based), or of CommonAttributes when it is -1. */
    static String recordPath(int recordIndex, String member) {
        return (recordIndex < 0 ? "commonAttributes" : "records." + (recordIndex + 1) + ".member") + "." + member;
    }

    static String listMemberPath(int recordIndex, String list, int itemIndex, String member) {
        return recordPath(recordIndex, list + "." + (itemIndex + 1) + ".member" + (member == null ? "" : "." + member));
    }

    static EngineException notNull(String path) {
        return constraint("null", path, "Member must not be null");
    }

    static EngineException notEmpty(String path) {
        return constraint("''", path, "Member must have length greater than or equal to 1");
    }

    static EngineException notInEnum(String value, String path, String allowed) {
        return constraint(quote(value), path, "Member must satisfy enum value set: " + allowed);
    }

    static EngineException tooFewRecords() {
        return constraint("[]", "records", "Member must have length greater than or equal to 1");
    }

    static EngineException tooManyRecords(int count, int max) {
        return constraint("list of " + count + " records", "records", "Member must have length less than or equal to "
                + max);
    }

    static EngineException versionBelowOne(long version, int recordIndex) {
        return constraint("'" + version + "'", recordPath(recordIndex, "version"),
                "Member must have value greater than or equal to 1");
    }

    /** Timestream's message for a Time it cannot read, followed by where and why. */
    static EngineException invalidTime(String time, int recordIndex, String why) {
        return EngineException.validation("Invalid time for record. Value " + (time == null ? "null" : quote(time))
                + " at '" + recordPath(recordIndex, "time") + "' " + why);
    }

    static EngineException duplicateCommonDimension(String name) {
        return EngineException.validation("Invalid CommonAttributes: the dimension name " + quote(name)
                + " appears more than once.");
    }

    static EngineException dimensionInCommonAttributes(String name, int recordIndex) {
        return EngineException.validation("Invalid dimensions for record: the dimension name " + quote(name) + " at '"
                + recordPath(recordIndex, "dimensions") + "' is also given in CommonAttributes; a record must not"
                + " repeat a common dimension.");
    }

    private static EngineException constraint(String shownValue, String path, String rule) {
        return EngineException.validation("1 validation error detected: Value " + shownValue + " at '" + path
                + "' failed to satisfy constraint: " + rule);
    }

    /** A value quoted for a message, cut to a readable length. */
    static String quote(String value) {
        return "'" + (value.length() <= 64 ? value : value.substring(0, 61) + "...") + "'";
    }
}
