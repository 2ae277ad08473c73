package io.tidemark.loadtest.tsbs;

import java.util.Arrays;

/**
 * One generated row, reused from row to row so that generating allocates nothing per point: a
 * measurement of one entity (host or truck) at one time, with its tag values (the entity's tags,
 * then the measurement's own) and field values. A tag value of {@code null} and a field marked
 * absent are what TSBS's iot use case calls zeroed: the tag or field is left out of the row.
 */
public final class Point {

    private MeasurementSchema measurement;
    private long timeNanos;
    private final String[] tags;
    private final double[] values;
    private final boolean[] present;

    /** A point with room for {@code maxTags} tags and {@code maxFields} fields. */
    public Point(int maxTags, int maxFields) {
        this.tags = new String[maxTags];
        this.values = new double[maxFields];
        this.present = new boolean[maxFields];
    }

    /** Starts a row of {@code measurement} at {@code timeNanos}: every field present, tags to be set. */
    void reset(MeasurementSchema measurement, long timeNanos) {
        this.measurement = measurement;
        this.timeNanos = timeNanos;
        Arrays.fill(present, 0, measurement.fieldCount(), true);
    }

    void copyFrom(Point other) {
        reset(other.measurement, other.timeNanos);
        System.arraycopy(other.tags, 0, tags, 0, other.measurement.tagCount());
        System.arraycopy(other.values, 0, values, 0, other.measurement.fieldCount());
        System.arraycopy(other.present, 0, present, 0, other.measurement.fieldCount());
    }

    public MeasurementSchema measurement() {
        return measurement;
    }

    public long timeNanos() {
        return timeNanos;
    }

    /** Tag {@code i} of {@link MeasurementSchema#tagNames()}, {@code null} when zeroed. */
    public String tag(int i) {
        return tags[i];
    }

    void setTag(int i, String value) {
        tags[i] = value;
    }

    public double value(int field) {
        return values[field];
    }

    public boolean present(int field) {
        return present[field];
    }

    void setValue(int field, double value) {
        values[field] = value;
    }

    void clearValue(int field) {
        present[field] = false;
    }
}
