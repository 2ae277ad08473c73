package io.tidemark.engine.write;

import java.util.Arrays;
import java.util.List;

/**
 * The members of one {@code Record} (or of the request's {@code CommonAttributes}) as a reader
 * found them, held without an object per member: names and enum values as strings (a reader can
 * share them across records), the texts of Time, MeasureValue and the attributes' values as slices
 * of one reusable {@code char[]}. Every member may be absent. A reader clears and refills one
 * instance per record and hands it to {@link WriteRecordsBuilder#record}, which reads it at once;
 * {@link #set(RecordInput)} fills it from the object form. Not thread-safe.
 */
public final class RecordFields {

    /** The start of a text that is absent (an item without a Value). */
    public static final int ABSENT = -1;

    String measureName;
    String measureValueType;
    String timeUnit;
    boolean hasVersion;
    long version;

    char[] text = new char[256];
    private int textLength;
    int timeStart = ABSENT;
    int timeLength;
    int measureValueStart = ABSENT;
    int measureValueLength;

    boolean hasDimensions;
    int dimensionCount;
    /** Null entries: a null item (the object form only), or a null member of an item. */
    String[] dimensionNames = new String[16];
    String[] dimensionValues = new String[16];
    String[] dimensionTypes = new String[16];
    boolean[] dimensionItemNull = new boolean[16];
    RecordDimensions dimensions;

    boolean hasMeasureValues;
    int valueCount;
    String[] valueNames = new String[16];
    String[] valueTypes = new String[16];
    int[] valueStarts = new int[16];
    int[] valueLengths = new int[16];
    boolean[] valueItemNull = new boolean[16];

    /** Forgets every member. */
    public RecordFields clear() {
        measureName = null;
        measureValueType = null;
        timeUnit = null;
        hasVersion = false;
        textLength = 0;
        timeStart = ABSENT;
        measureValueStart = ABSENT;
        hasDimensions = false;
        dimensionCount = 0;
        dimensions = null;
        hasMeasureValues = false;
        valueCount = 0;
        return this;
    }

    public void measureName(String name) {
        measureName = name;
    }

    /** DOUBLE, BIGINT, VARCHAR, BOOLEAN, TIMESTAMP or MULTI; anything else fails the request. */
    public void measureValueType(String type) {
        measureValueType = type;
    }

    public void timeUnit(String unit) {
        timeUnit = unit;
    }

    public void version(long v) {
        hasVersion = true;
        version = v;
    }

    public void time(char[] chars, int offset, int length) {
        timeAt(appendText(chars, offset, length), length);
    }

    /** The Time is the text at {@code start} that {@link #appendText} or {@link #appendAscii} returned. */
    public void timeAt(int start, int length) {
        timeStart = start;
        timeLength = length;
    }

    public void measureValue(char[] chars, int offset, int length) {
        measureValueAt(appendText(chars, offset, length), length);
    }

    /** The MeasureValue is the text at {@code start} that {@link #appendText} or {@link #appendAscii} returned. */
    public void measureValueAt(int start, int length) {
        measureValueStart = start;
        measureValueLength = length;
    }

    /** The record has a Dimensions list (perhaps empty); {@link #addDimension} adds its items. */
    public void dimensionsPresent() {
        hasDimensions = true;
    }

    /** @param type the DimensionValueType, or null when absent */
    public void addDimension(String name, String value, String type) {
        hasDimensions = true;
        int d = dimensionCount;
        if (d == dimensionNames.length) {
            dimensionNames = Arrays.copyOf(dimensionNames, d * 2);
            dimensionValues = Arrays.copyOf(dimensionValues, d * 2);
            dimensionTypes = Arrays.copyOf(dimensionTypes, d * 2);
            dimensionItemNull = Arrays.copyOf(dimensionItemNull, d * 2);
        }
        dimensionNames[d] = name;
        dimensionValues[d] = value;
        dimensionTypes[d] = type;
        dimensionItemNull[d] = false;
        dimensionCount = d + 1;
    }

    /**
     * The record's Dimensions, already checked by {@link WriteRecordsBuilder#dimensions}: a reader
     * that met the same list before hands over its earlier result instead of the items.
     */
    public void dimensions(RecordDimensions checked) {
        hasDimensions = true;
        dimensions = checked;
    }

    /** The record has a MeasureValues list (perhaps empty); {@link #addMeasureValue} adds its items. */
    public void measureValuesPresent() {
        hasMeasureValues = true;
    }

    /**
     * @param chars the value's text, or null when the item has no Value
     * @param type the item's Type, or null when absent
     */
    public void addMeasureValue(String name, char[] chars, int offset, int length, String type) {
        addMeasureValueAt(name, chars == null ? ABSENT : appendText(chars, offset, length), length, type);
    }

    /**
     * @param start where {@link #appendText} or {@link #appendAscii} put the value's text, or
     *     {@link #ABSENT} when the item has no Value
     * @param type the item's Type, or null when absent
     */
    public void addMeasureValueAt(String name, int start, int length, String type) {
        hasMeasureValues = true;
        int v = valueCount;
        if (v == valueNames.length) {
            valueNames = Arrays.copyOf(valueNames, v * 2);
            valueTypes = Arrays.copyOf(valueTypes, v * 2);
            valueStarts = Arrays.copyOf(valueStarts, v * 2);
            valueLengths = Arrays.copyOf(valueLengths, v * 2);
            valueItemNull = Arrays.copyOf(valueItemNull, v * 2);
        }
        valueNames[v] = name;
        valueTypes[v] = type;
        valueStarts[v] = start;
        valueLengths[v] = length;
        valueItemNull[v] = false;
        valueCount = v + 1;
    }

    /**
     * The text of MeasureValues item {@code v} (added before) is the text at {@code start} that
     * {@link #appendText} or {@link #appendAscii} returned.
     */
    public void measureValueTextAt(int v, int start, int length) {
        if (v >= valueCount) {
            throw new IllegalArgumentException("cannot set the text of a MeasureValues item: item=" + v + ", items="
                    + valueCount);
        }
        valueStarts[v] = start;
        valueLengths[v] = length;
    }

    /**
     * Makes these fields those of {@code other} without its texts (no Time, no MeasureValue, no
     * item's Value): the names of a record of the same shape, whose texts the caller adds.
     */
    public RecordFields copyNames(RecordFields other) {
        clear();
        measureName = other.measureName;
        measureValueType = other.measureValueType;
        timeUnit = other.timeUnit;
        hasVersion = other.hasVersion;
        version = other.version;
        hasDimensions = other.hasDimensions;
        dimensions = other.dimensions;
        int d = other.dimensionCount;
        if (d > dimensionNames.length) {
            dimensionNames = new String[d];
            dimensionValues = new String[d];
            dimensionTypes = new String[d];
            dimensionItemNull = new boolean[d];
        }
        System.arraycopy(other.dimensionNames, 0, dimensionNames, 0, d);
        System.arraycopy(other.dimensionValues, 0, dimensionValues, 0, d);
        System.arraycopy(other.dimensionTypes, 0, dimensionTypes, 0, d);
        System.arraycopy(other.dimensionItemNull, 0, dimensionItemNull, 0, d);
        dimensionCount = d;
        hasMeasureValues = other.hasMeasureValues;
        int v = other.valueCount;
        if (v > valueNames.length) {
            valueNames = new String[v];
            valueTypes = new String[v];
            valueStarts = new int[v];
            valueLengths = new int[v];
            valueItemNull = new boolean[v];
        }
        System.arraycopy(other.valueNames, 0, valueNames, 0, v);
        System.arraycopy(other.valueTypes, 0, valueTypes, 0, v);
        System.arraycopy(other.valueItemNull, 0, valueItemNull, 0, v);
        Arrays.fill(valueStarts, 0, v, ABSENT);
        Arrays.fill(valueLengths, 0, v, 0);
        valueCount = v;
        return this;
    }

    /** Fills these fields from the object form of a record (whose lists may hold nulls). */
    public RecordFields set(RecordInput r) {
        clear();
        measureName = r.measureName();
        measureValueType = r.measureValueType();
        timeUnit = r.timeUnit();
        if (r.version() != null) {
            version(r.version());
        }
        if (r.time() != null) {
            time(r.time().toCharArray(), 0, r.time().length());
        }
        if (r.measureValue() != null) {
            measureValue(r.measureValue().toCharArray(), 0, r.measureValue().length());
        }
        List<DimensionInput> dims = r.dimensions();
        if (dims != null) {
            dimensionsPresent();
            for (DimensionInput d : dims) {
                if (d == null) {
                    addDimension(null, null, null);
                    dimensionItemNull[dimensionCount - 1] = true;
                } else {
                    addDimension(d.name(), d.value(), d.dimensionValueType());
                }
            }
        }
        List<MeasureValueInput> values = r.measureValues();
        if (values != null) {
            measureValuesPresent();
            for (MeasureValueInput v : values) {
                if (v == null) {
                    addMeasureValue(null, null, 0, 0, null);
                    valueItemNull[valueCount - 1] = true;
                } else {
                    char[] chars = v.value() == null ? null : v.value().toCharArray();
                    addMeasureValue(v.name(), chars, 0, chars == null ? 0 : chars.length, v.type());
                }
            }
        }
        return this;
    }

    /** MeasureValues items added so far. */
    public int measureValueCount() {
        return valueCount;
    }

    boolean hasTime() {
        return timeStart != ABSENT;
    }

    boolean hasMeasureValue() {
        return measureValueStart != ABSENT;
    }

    String timeText() {
        return new String(text, timeStart, timeLength);
    }

    /** Keeps a text of this record (a value, a Time) for a later member; the start to give that member. */
    public int appendText(char[] chars, int offset, int length) {
        int start = room(length);
        System.arraycopy(chars, offset, text, start, length);
        return start;
    }

    /** {@link #appendText} for a text of ASCII bytes, one character each. */
    public int appendAscii(byte[] ascii, int offset, int length) {
        int start = room(length);
        char[] out = text;
        for (int i = 0; i < length; i++) {
            out[start + i] = (char) ascii[offset + i];
        }
        return start;
    }

    private int room(int length) {
        int start = textLength;
        if (start + length > text.length) {
            text = Arrays.copyOf(text, Math.max(text.length * 2, start + length));
        }
        textLength = start + length;
        return start;
    }
}
