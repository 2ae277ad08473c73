package io.tidemark.storage.model;

import java.util.List;
import java.util.Objects;

/**
 * One record as a client writes it, after CommonAttributes are merged in. A single-measure record
 * carries {@code measureValue} and a scalar {@code measureValueType}; a MULTI record carries
 * {@code measureValues} instead. Values stay strings here, as on the wire; the columnar write path
 * parses them once into primitive columns.
 *
 * @param time the time in {@code timeUnit}, exactly as given
 * @param version the record version, at least 1 (Timestream's default is 1)
 */
public record Record(
        List<Dimension> dimensions,
        String measureName,
        MeasureType measureValueType,
        String measureValue,
        List<MeasureValue> measureValues,
        long time,
        TimeUnit timeUnit,
        long version) {

    /** Timestream's version when a record does not give one. */
    public static final long DEFAULT_VERSION = 1L;

    public Record {
        dimensions = List.copyOf(dimensions);
        measureValues = measureValues == null ? List.of() : List.copyOf(measureValues);
        Objects.requireNonNull(measureName, "measure name");
        Objects.requireNonNull(measureValueType, "measure value type");
        Objects.requireNonNull(timeUnit, "time unit");
    }

    public static Record single(List<Dimension> dimensions, String measureName, MeasureType type,
            String value, long time, TimeUnit unit) {
        return new Record(dimensions, measureName, type, value, List.of(), time, unit, DEFAULT_VERSION);
    }

    public static Record multi(List<Dimension> dimensions, String measureName, List<MeasureValue> values,
            long time, TimeUnit unit) {
        return new Record(dimensions, measureName, MeasureType.MULTI, null, values, time, unit, DEFAULT_VERSION);
    }

    public Record withVersion(long newVersion) {
        return new Record(dimensions, measureName, measureValueType, measureValue, measureValues, time, timeUnit,
                newVersion);
    }

    /** The record's time in epoch nanoseconds; throws ArithmeticException when out of range. */
    public long timeNanos() {
        return timeUnit.toNanos(time);
    }

    public SeriesKey seriesKey() {
        return SeriesKey.of(dimensions, measureName);
    }
}
