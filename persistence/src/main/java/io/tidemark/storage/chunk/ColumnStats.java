package io.tidemark.storage.chunk;

/**
 * Per-column aggregates kept in the chunk header so MIN/MAX/SUM/COUNT/first/last over whole chunks
 * need no value decoding. Absent (null) values are not counted. Layout: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>, "Stats".
 */
public sealed interface ColumnStats permits ColumnStats.DoubleStats, ColumnStats.LongStats,
        ColumnStats.BooleanStats, ColumnStats.VarcharStats {

    /** Rows where this column has a value. */
    int nonNullCount();

    /**
     * DOUBLE column. {@code min}/{@code max} ignore NaN (NaN only when every value is NaN or there
     * are none); {@code sum} is the plain IEEE sum in row order, so one NaN makes it NaN.
     * {@code first}/{@code last} are the values at the earliest and latest present rows.
     */
    record DoubleStats(int nonNullCount, double min, double max, double sum, double first, double last)
            implements ColumnStats {

        /**
         * The stats of rows {@code [from, to)} of {@code values}, counting a row only where
         * {@code present} holds (null: every row): what a chunk header keeps for a whole column,
         * and what a reader that decoded it works out for a run of its rows.
         */
        public static DoubleStats of(double[] values, boolean[] present, int from, int to) {
            if (present == null) {
                return ofAll(values, from, to);
            }
            int nonNull = 0;
            int numbers = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            double first = Double.NaN;
            double last = Double.NaN;
            for (int i = from; i < to; i++) {
                if (present != null && !present[i]) {
                    continue;
                }
                double v = values[i];
                if (nonNull++ == 0) {
                    first = v;
                }
                last = v;
                sum += v;
                // NaN fails both comparisons; most values fail them too and skip Math.min/max, which
                // are only needed to order -0.0 before 0.0
                if (v <= min) {
                    min = Math.min(min, v);
                }
                if (v >= max) {
                    max = Math.max(max, v);
                }
                numbers += v == v ? 1 : 0;
            }
            if (numbers == 0) {
                min = Double.NaN;
                max = Double.NaN;
            }
            return new DoubleStats(nonNull, min, max, nonNull == 0 ? 0 : sum, first, last);
        }

        /** {@link #of} when every row is present: the same values, without a per-row presence test or first-value branch. */
        private static DoubleStats ofAll(double[] values, int from, int to) {
            if (from >= to) {
                return new DoubleStats(0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
            }
            int numbers = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = from; i < to; i++) {
                double v = values[i];
                sum += v;
                if (v <= min) {
                    min = Math.min(min, v);
                }
                if (v >= max) {
                    max = Math.max(max, v);
                }
                numbers += v == v ? 1 : 0;
            }
            if (numbers == 0) {
                min = Double.NaN;
                max = Double.NaN;
            }
            return new DoubleStats(to - from, min, max, sum, values[from], values[to - 1]);
        }
    }

    /**
     * BIGINT or TIMESTAMP column. {@code sum} wraps on overflow and {@code sumOverflowed} says so;
     * then a reader must decode the values to sum them.
     */
    record LongStats(int nonNullCount, long min, long max, long sum, boolean sumOverflowed, long first, long last)
            implements ColumnStats {

        /** The stats of rows {@code [from, to)} of {@code values} where {@code present} holds (null: every row). */
        public static LongStats of(long[] values, boolean[] present, int from, int to) {
            int nonNull = 0;
            long min = 0;
            long max = 0;
            long sum = 0;
            boolean overflowed = false;
            long first = 0;
            long last = 0;
            for (int i = from; i < to; i++) {
                if (present != null && !present[i]) {
                    continue;
                }
                long v = values[i];
                if (nonNull++ == 0) {
                    first = v;
                    min = v;
                    max = v;
                }
                last = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                long s = sum + v;
                overflowed |= ((sum ^ s) & (v ^ s)) < 0;
                sum = s;
            }
            return new LongStats(nonNull, min, max, sum, overflowed, first, last);
        }
    }

    /** BOOLEAN column; {@code trueCount} rows hold true. */
    record BooleanStats(int nonNullCount, int trueCount) implements ColumnStats {
    }

    /** VARCHAR column. */
    record VarcharStats(int nonNullCount) implements ColumnStats {
    }
}
