package io.tidemark.engine.scan;

import io.tidemark.storage.model.SeriesKey;
import java.util.List;

/**
 * The current points of one series in a scanned range, from both tiers, sorted by time, one point
 * per time (the highest version), decoded into columns.
 */
public record ScannedSeries(SeriesKey series, long[] times, long[] versions, List<ScannedColumn> columns) {

    public int size() {
        return times.length;
    }

    /** The column named {@code name}, or null when the series has none. */
    public ScannedColumn column(String name) {
        for (ScannedColumn c : columns) {
            if (c.spec().name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
