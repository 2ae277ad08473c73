package io.tidemark.engine.query.function;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The usable points of one boxed timeseries (a list of {@code [Long time, value]} points in
 * ascending time), unboxed into parallel arrays for the time-series functions. A point whose value
 * is null carries no observation and is skipped; of several points at one instant the last one in
 * the series counts, as a later write of the same record replaces an earlier one.
 *
 * @param times ascending, distinct; {@code size} entries are meaningful
 * @param numbers the values as doubles (NaN where {@link #of} was asked for objects only)
 * @param objects the values as boxed (for carry-forward and fill, whose values need not be numbers)
 */
record SeriesPoints(long[] times, double[] numbers, Object[] objects, int size) {

    static SeriesPoints of(List<?> series) {
        int n = series.size();
        long[] times = new long[n];
        double[] numbers = new double[n];
        Object[] objects = new Object[n];
        int size = 0;
        for (Object element : series) {
            List<?> point = (List<?>) element;
            Object value = point.get(1);
            if (value == null) {
                continue;
            }
            long time = (Long) point.get(0);
            if (size > 0 && times[size - 1] == time) {
                size--;
            }
            times[size] = time;
            numbers[size] = value instanceof Number number ? number.doubleValue() : Double.NaN;
            objects[size] = value;
            size++;
        }
        return new SeriesPoints(times, numbers, objects, size);
    }

    /** The index of the last point at or before {@code time}, or -1. */
    int floor(long time) {
        int found = Arrays.binarySearch(times, 0, size, time);
        return found >= 0 ? found : -found - 2;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long first() {
        return times[0];
    }

    long last() {
        return times[size - 1];
    }

    /** The requested instants of an {@code array(timestamp)}, nulls dropped, ascending and distinct, so results are valid series. */
    static long[] instants(List<?> timestamps) {
        long[] instants = new long[timestamps.size()];
        int count = 0;
        for (Object timestamp : timestamps) {
            if (timestamp != null) {
                instants[count++] = (Long) timestamp;
            }
        }
        Arrays.sort(instants, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || instants[distinct - 1] != instants[i]) {
                instants[distinct++] = instants[i];
            }
        }
        return Arrays.copyOf(instants, distinct);
    }

    /** A boxed series point. */
    static List<Object> point(long time, Object value) {
        List<Object> point = new ArrayList<>(2);
        point.add(time);
        point.add(value);
        return point;
    }
}
