package io.tidemark.loadtest.compare;

/**
 * The time span of the loaded data set: rows at {@code firstMillis + k * intervalMillis} before
 * {@code endMillis}, for every host.
 */
public record DataRange(long firstMillis, long endMillis, long intervalMillis) {

    public DataRange {
        if (endMillis <= firstMillis || intervalMillis <= 0) {
            throw new IllegalArgumentException("cannot describe the data: firstMillis=" + firstMillis + ", endMillis="
                    + endMillis + ", intervalMillis=" + intervalMillis);
        }
    }

    /** The time of the last row. */
    public long lastRowMillis() {
        return endMillis - intervalMillis;
    }
}
