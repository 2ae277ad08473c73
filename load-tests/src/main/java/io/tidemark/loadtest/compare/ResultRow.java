package io.tidemark.loadtest.compare;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One row of a normalised answer: its time (epoch milliseconds; 0 when the shape has none), its
 * host ("" when the shape has none) and its values in the shape's field order (NaN: no value).
 */
public record ResultRow(long timeMillis, String host, double[] values) {

    /** Rows in key order: time, then host. */
    public static final Comparator<ResultRow> KEY_ORDER =
            Comparator.comparingLong(ResultRow::timeMillis).thenComparing(ResultRow::host);

    public ResultRow {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    double value(int index) {
        return values[index];
    }

    int width() {
        return values.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResultRow r && r.timeMillis == timeMillis && r.host.equals(host)
                && Arrays.equals(r.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timeMillis) * 31 + host.hashCode() * 17 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "(time=" + timeMillis + ", host=" + host + ", values=" + Arrays.toString(values) + ")";
    }
}
