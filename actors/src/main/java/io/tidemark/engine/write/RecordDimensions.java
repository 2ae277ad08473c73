package io.tidemark.engine.write;

import static io.tidemark.engine.write.ValidationErrors.listMemberPath;
import static io.tidemark.engine.write.ValidationErrors.quote;

import io.tidemark.engine.EngineException;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.SeriesKey;
import java.util.List;

/**
 * The Dimensions list of one record (or of CommonAttributes), checked once by
 * {@link WriteRecordsBuilder#dimensions} on its own: the rules that depend on the list alone are
 * settled here, those that depend on the record's measure name and on CommonAttributes when a
 * record uses it. Immutable, so a reader may keep it and hand it over again for every record that
 * carries the same list (the same bytes on the wire): a repeated series then costs a lookup, not
 * a check and a {@link SeriesKey}.
 */
public final class RecordDimensions {

    static final RecordDimensions NONE = new RecordDimensions(new String[0], new String[0], -1, null, null, -1, null,
            null, 0);

    final String[] names;
    final String[] values;
    /** The dimensions, when no item breaks a request rule. */
    final List<Dimension> list;
    /** UTF-8 bytes of every name and value. */
    final int bytes;

    /** The first item breaking a request rule (a null member, an unknown DimensionValueType), or -1. */
    private final int ruleBreak;
    /** The member of that item ("name", "value", "dimensionValueType"), or null for the item itself. */
    private final String ruleBreakMember;
    private final String ruleBreakValue;

    /** The first item breaking a per-record rule on its own, or -1. */
    private final int problem;
    /** Its reason found before the measure-name comparison (empty, too long, reserved …), or null. */
    private final String problemBeforeMeasureName;
    /** Its reason found after it (a name repeated within the list), or null. */
    private final String problemAfterMeasureName;

    /**
     * A series key built with these dimensions alone, all rules passed: valid for its measure name.
     * Threads sharing this instance may race on it; a key is immutable, so any one they read is right.
     */
    private SeriesKey lastKey;

    RecordDimensions(String[] names, String[] values, int ruleBreak, String ruleBreakMember, String ruleBreakValue,
            int problem, String problemBeforeMeasureName, String problemAfterMeasureName, int bytes) {
        this.names = names;
        this.values = values;
        this.ruleBreak = ruleBreak;
        this.ruleBreakMember = ruleBreakMember;
        this.ruleBreakValue = ruleBreakValue;
        this.problem = problem;
        this.problemBeforeMeasureName = problemBeforeMeasureName;
        this.problemAfterMeasureName = problemAfterMeasureName;
        this.bytes = bytes;
        if (ruleBreak < 0) {
            Dimension[] dims = new Dimension[names.length];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = new Dimension(names[d], values[d]);
            }
            this.list = List.of(dims);
        } else {
            this.list = List.of();
        }
    }

    /** True when no item breaks a request rule: a reader may keep this result for the same list. */
    public boolean isReusable() {
        return ruleBreak < 0;
    }

    int count() {
        return names.length;
    }

    boolean breaksRequestRule(int item) {
        return item == ruleBreak;
    }

    /** The validation error of the item at {@link #ruleBreak}, for the record at {@code recordIndex}. */
    EngineException requestRuleError(int recordIndex) {
        String path = listMemberPath(recordIndex, "dimensions", ruleBreak, ruleBreakMember);
        if ("dimensionValueType".equals(ruleBreakMember)) {
            return ValidationErrors.notInEnum(ruleBreakValue, path, ValidationErrors.DIMENSION_VALUE_TYPES);
        }
        return ValidationErrors.notNull(path);
    }

    boolean contains(String name) {
        int hash = name.hashCode();
        for (String n : names) {
            if (n != null && n.hashCode() == hash && n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Why these dimensions cannot go with a record of {@code measureName}, or null. */
    String reason(String measureName) {
        int last = problem < 0 ? names.length - 1 : problem;
        for (int d = 0; d <= last; d++) {
            if (d == problem && problemBeforeMeasureName != null) {
                return problemBeforeMeasureName;
            }
            if (names[d].equals(measureName)) {
                return "The dimension name " + quote(names[d]) + " is also the record's measure name; a name is"
                        + " either a dimension or a measure.";
            }
            if (d == problem) {
                return problemAfterMeasureName;
            }
        }
        return null;
    }

    /** The key of a record with these dimensions only, when one was built for {@code measureName}; else null. */
    SeriesKey knownKey(String measureName) {
        SeriesKey key = lastKey;
        return key != null && key.measureName().equals(measureName) ? key : null;
    }

    /** Remembers a key built from these dimensions alone after every rule passed. */
    void rememberKey(SeriesKey key) {
        lastKey = key;
    }
}
