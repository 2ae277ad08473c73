package io.tidemark.storage.chunk;

import io.tidemark.storage.model.MeasureType;

/**
 * Column stats per aligned time slice of a chunk (format version 2, the slice stats section): the
 * chunk's time line cut at multiples of {@link #width()} nanoseconds since the epoch, and for every
 * slice its row count and, per DOUBLE, BIGINT and TIMESTAMP column, the non-null count, minimum,
 * maximum and sum over the slice's rows, defined as the header's {@link ColumnStats} are. A bin
 * that is a whole number of slices (bin(time, 1h), 2h, 1d, date_trunc('hour'|'day') over one-hour
 * slices) is the union of whole slices, so grouped aggregates over such bins read these instead of
 * decoding the values. Layout: <a href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>,
 * "Slice stats".
 *
 * <p>First and last values are not kept: {@link #column} hands back NaN (DOUBLE) or 0 for them,
 * so a reader must not answer min_by/max_by from slices. Read on demand from the chunk's bytes
 * ({@link SealedChunk#sliceStats()}), not kept in memory with the chunk.
 */
public final class SliceStats {

    /** The slice width this writer uses: one hour, so hourly and daily bins are whole slices. */
    public static final long WRITER_WIDTH_NANOS = 3_600_000_000_000L;
    /**
     * A chunk gets slice stats only when it spans at least two slices and holds on average this
     * many rows per slice, so the extra bytes stay small against the values they summarise (a
     * 2-hour chunk of 10 s points: 360 rows per slice).
     */
    static final int MIN_ROWS_PER_SLICE = 32;
    /** At most this many slices per chunk (a day-long magnetic block has 24 one-hour slices). */
    static final int MAX_SLICES = 4096;

    private final long width;
    private final long firstSlice;
    private final int[] rows;
    private final MeasureType[] types;
    /** Per column, per slice: non-null count (null array: the column is present in every row). */
    private final int[][] nonNull;
    /** Per column, per slice: min, max and sum (double columns: raw IEEE bits); null for other columns. */
    private final long[][] min;
    private final long[][] max;
    private final long[][] sum;
    /** Per long-valued column, per slice: whether its sum overflowed. */
    private final boolean[][] overflowed;

    SliceStats(long width, long firstSlice, int[] rows, MeasureType[] types, int[][] nonNull, long[][] min,
            long[][] max, long[][] sum, boolean[][] overflowed) {
        this.width = width;
        this.firstSlice = firstSlice;
        this.rows = rows;
        this.types = types;
        this.nonNull = nonNull;
        this.min = min;
        this.max = max;
        this.sum = sum;
        this.overflowed = overflowed;
    }

    /** Slice width in nanoseconds. */
    public long width() {
        return width;
    }

    /** Number of slices, from the one holding the chunk's first time to the one holding its last. */
    public int count() {
        return rows.length;
    }

    /** The first time of slice {@code s} (inclusive); the slice ends before {@code start(s) + width()}. */
    public long start(int s) {
        return (firstSlice + s) * width;
    }

    /** Rows of the chunk in slice {@code s} (0 for a slice inside a gap). */
    public int rows(int s) {
        return rows[s];
    }

    /** True when column {@code col} has slice stats (DOUBLE, BIGINT and TIMESTAMP columns). */
    public boolean hasColumn(int col) {
        return min[col] != null;
    }

    /**
     * The stats of column {@code col} over slice {@code s}'s rows, first and last left unknown (NaN,
     * or 0 for long columns).
     *
     * @throws IllegalArgumentException when the column has no slice stats ({@link #hasColumn})
     */
    public ColumnStats column(int col, int s) {
        if (!hasColumn(col)) {
            throw new IllegalArgumentException("cannot read slice stats: column=" + col + " has type=" + types[col]);
        }
        int values = nonNull[col] == null ? rows[s] : nonNull[col][s];
        if (types[col] == MeasureType.DOUBLE) {
            if (values == 0) {
                return new ColumnStats.DoubleStats(0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
            }
            return new ColumnStats.DoubleStats(values, Double.longBitsToDouble(min[col][s]),
                    Double.longBitsToDouble(max[col][s]), Double.longBitsToDouble(sum[col][s]), Double.NaN, Double.NaN);
        }
        if (values == 0) {
            return new ColumnStats.LongStats(0, 0, 0, 0, false, 0, 0);
        }
        return new ColumnStats.LongStats(values, min[col][s], max[col][s], sum[col][s], overflowed[col][s], 0, 0);
    }

    /** The slice index of {@code time} under {@code width}: floor division, so negative times work. */
    static long sliceOf(long time, long width) {
        return Math.floorDiv(time, width);
    }

    /** True when a column of this type gets slice stats. */
    static boolean sliced(MeasureType type) {
        return type == MeasureType.DOUBLE || type.isLongValued();
    }
}
