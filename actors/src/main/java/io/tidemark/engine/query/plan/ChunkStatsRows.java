package io.tidemark.engine.query.plan;

import io.tidemark.engine.query.EngineSchemaProvider;
import io.tidemark.engine.query.aggregate.AggregateFunction;
import io.tidemark.engine.query.expression.EvalContext;
import io.tidemark.engine.query.fragment.ChunkStatsAggregation;
import io.tidemark.engine.query.fragment.ScanColumn;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Values;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.query.vector.VectorBuilder;
import io.tidemark.engine.scan.SeriesMerge;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.PrimitiveType;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.chunk.ChunkStats;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.ColumnStats;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.chunk.SliceStats;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The rows one shard's run of a {@link ChunkStatsPlan} contributes: per accepted chunk, or per run
 * of a chunk's rows, one row of group keys and intermediate states, which the final step merges
 * like the partial states of decoded chunks. Used on one thread.
 *
 * <p>Three ways to answer a chunk:
 * <ul>
 * <li><b>From its header</b>, decoding nothing, when every group key is constant over the rows in
 * range and the range holds the rows each aggregate's {@link ChunkStatsPlan.Reach} needs.</li>
 * <li><b>From its slice stats</b> ({@link SliceStats}: per aligned hour), decoding nothing, when the
 * aggregates read only counts, sums and extremes of value columns ({@link
 * ChunkStatsPlan#slicesMayAnswer()}), and every slice with rows in range lies wholly in the range
 * with constant group keys: hourly, 2-hour or daily bins (and date_trunc to the hour or day) over
 * a 2-hour chunk or a day-long magnetic block, one row per slice.</li>
 * <li><b>By runs</b> otherwise: the chunk's times and the aggregates' value columns are decoded
 * into this object's reused arrays, the rows in range are cut into runs of equal group keys (the
 * keys are monotone in time, so equal keys are adjacent rows), and each run's column stats are
 * worked out from the arrays as the chunk writer works out a header's ({@link
 * ColumnStats.DoubleStats#of}), then handed to the same {@link AggregateFunction#intermediateFromStats}.
 * Hourly bins over two-hour chunks (double-groupby) so cost a decode and a pass per column, no
 * vectors, no per-row bin or group-key hashing. Taken only when a probe of three times shows bins
 * wider than about 1/32 of the chunk's span in range (finer ones go through the decoding scan,
 * which handles them per row as cheaply), and only over DOUBLE and BIGINT value columns.</li>
 * </ul>
 * A chunk declined both ways (a NaN under min or max, an overflowed BIGINT sum) is decoded by the
 * scan; nothing of it is added here.
 */
final class ChunkStatsRows implements ChunkStatsAggregation {

    /**
     * The probe's step as a fraction of the span of the chunk's rows in range: keys that change
     * both from the first time to one step later and from there to two steps later have bins
     * narrower than about 1/32 of the span (minute bins over a 2-hour chunk), which the scan
     * handles as cheaply; wider bins (hourly or 10-minute bins over a 720-row chunk, hourly bins
     * over twelve hours of a day-long magnetic block) are cut into runs.
     */
    private static final int PROBE_STEPS = 32;

    private final ChunkStatsPlan plan;
    /** True when the aggregates read only value columns' count, sum, min and max (see {@link #addFromSlices}). */
    private final boolean slicesMayAnswer;
    private final List<ScanColumn> scanColumns;
    private final EvalContext eval;
    private final VectorBuilder[] builders;
    /** Per scanned column, its vector in the last {@link #ends} batch: kept while its value holds (vectors are immutable). */
    private final Vector[] endColumns;
    /** Per scanned column, the all-null stand-in of the last row-wide batch of that size (time keys read only the time). */
    private final Vector[] rowStandIns;
    private final Vector[] probeStandIns;
    private final long[] probeTimes = new long[3];
    /** Scanned columns the aggregates read values of (not the time). */
    private final int[] valueChannels;
    /** Per scanned column, the chunk's decoded values and presence (null: every row present) of the current chunk. */
    private final double[][] doubles;
    private final long[][] longs;
    private final boolean[][] presence;
    /** Per scanned column, whether the current chunk's column is DOUBLE (decoded into {@link #doubles}, else {@link #longs}). */
    private final boolean[] decodedAsDouble;
    private long[] times = new long[0];
    private int[] runStarts = new int[0];
    /** The chunk columns the last chunk had, and per scanned column its index there (-1: none, or time). */
    private List<ColumnSpec> lastColumns;
    private int[] chunkColumnOf;
    private int rowCount;
    private long bytes;

    ChunkStatsRows(ChunkStatsPlan plan, EvalContext eval) {
        this.plan = plan;
        this.slicesMayAnswer = plan.slicesMayAnswer();
        this.scanColumns = plan.scanColumns();
        this.eval = eval;
        List<SqlType> outputTypes = plan.outputTypes();
        this.builders = new VectorBuilder[outputTypes.size()];
        for (int i = 0; i < builders.length; i++) {
            builders[i] = new VectorBuilder(outputTypes.get(i), 16);
        }
        int columns = scanColumns.size();
        this.endColumns = new Vector[columns];
        this.rowStandIns = new Vector[columns];
        this.probeStandIns = new Vector[columns];
        this.valueChannels = IntStream.range(0, columns)
                .filter(c -> isValue(scanColumns.get(c).role())).toArray();
        this.doubles = new double[columns][];
        this.longs = new long[columns][];
        this.presence = new boolean[columns][];
        this.decodedAsDouble = new boolean[columns];
    }

    @Override
    public boolean add(SeriesKey series, SealedChunk chunk, long fromNanos, long toNanos) {
        long first = Math.max(chunk.minTime(), fromNanos);
        long last = Math.min(chunk.maxTime(), toNanos);
        if (first > last) {
            return true;
        }
        Batch ends = ends(series, first, last);
        Vector[] endKeys = new Vector[plan.keys().size()];
        boolean constant = true;
        for (int k = 0; k < endKeys.length; k++) {
            endKeys[k] = plan.keys().get(k).evaluate(ends, eval);
            constant &= sameRows(endKeys[k]);
        }
        int[] chunkColumns = chunkColumns(chunk.columns());
        ChunkStats stats = chunk.stats();
        if (constant && reachesInRange(stats, fromNanos, toNanos)) {
            return addFromHeader(stats, chunkColumns, endKeys);
        }
        if (slicesMayAnswer && addFromSlices(series, chunk, fromNanos, toNanos, chunkColumns)) {
            return true;
        }
        return addRuns(chunk, fromNanos, toNanos, first, last, endKeys, chunkColumns, series);
    }

    @Override
    public long bytesScanned() {
        return bytes;
    }

    @Override
    public Batch finish() {
        List<Vector> columns = new ArrayList<>(builders.length);
        for (VectorBuilder builder : builders) {
            columns.add(builder.build());
        }
        return new Batch(columns, rowCount);
    }

    /** True when the range holds, for every aggregate, the rows of the chunk its header state depends on. */
    private boolean reachesInRange(ChunkStats stats, long fromNanos, long toNanos) {
        boolean oldestIn = stats.minTime() >= fromNanos && stats.minTime() <= toNanos;
        boolean newestIn = stats.maxTime() >= fromNanos && stats.maxTime() <= toNanos;
        for (ChunkStatsPlan.Reach reach : plan.reaches()) {
            boolean answers = reach == ChunkStatsPlan.Reach.NEWEST_ROW ? newestIn
                    : reach == ChunkStatsPlan.Reach.OLDEST_ROW ? oldestIn : oldestIn && newestIn;
            if (!answers) {
                return false;
            }
        }
        return true;
    }

    /** One row from the chunk's header stats; false (nothing added) when an aggregate declines them. */
    private boolean addFromHeader(ChunkStats stats, int[] chunkColumns, Vector[] endKeys) {
        List<Vector[]> states = new ArrayList<>(plan.functions().size());
        for (int i = 0; i < plan.functions().size(); i++) {
            List<Integer> channels = plan.argumentChannels().get(i);
            List<ColumnStats> arguments = new ArrayList<>(channels.size());
            for (int channel : channels) {
                ScanColumn column = scanColumns.get(channel);
                if (column.role() == ColumnRole.TIMESTAMP) {
                    arguments.add(timeStats(stats.count(), stats.minTime(), stats.maxTime()));
                } else {
                    int c = chunkColumns[channel];
                    arguments.add(c >= 0 ? stats.column(c) : noValues(column));
                }
            }
            Optional<Vector[]> state = plan.functions().get(i).intermediateFromStats(stats.count(), arguments);
            if (state.isEmpty()) {
                return false;
            }
            states.add(state.get());
        }
        append(endKeys, null, 0, states, 0);
        bytes += 8L * (2 + builders.length - endKeys.length);
        return true;
    }

    /**
     * One row per slice of the chunk's {@link SliceStats} that holds rows in range, from the
     * slice's stats; false (nothing added) when the chunk has none, or a slice with rows in range
     * is cut by the range or by a change of group key, or an aggregate declines a slice's stats.
     * A slice's rows lie between its bounds and the chunk's first and last times; those bounds
     * decide, as the chunk's do in {@link #add}.
     */
    private boolean addFromSlices(SeriesKey series, SealedChunk chunk, long fromNanos, long toNanos, int[] chunkColumns) {
        for (int channel : valueChannels) {
            int c = chunkColumns[channel];
            if (c >= 0 && !numeric(chunk.columns().get(c).type())) {
                return false;
            }
        }
        Optional<SliceStats> read = chunk.sliceStats();
        if (read.isEmpty()) {
            return false;
        }
        SliceStats slices = read.get();
        int functions = plan.functions().size();
        List<Vector[]> keys = new ArrayList<>(slices.count());
        List<Vector[]> states = new ArrayList<>(slices.count() * functions);
        for (int s = 0; s < slices.count(); s++) {
            if (slices.rows(s) == 0) {
                continue;
            }
            long first = Math.max(slices.start(s), chunk.minTime());
            long last = Math.min(slices.start(s) + (slices.width() - 1), chunk.maxTime());
            if (last < fromNanos || first > toNanos) {
                continue;
            }
            if (first < fromNanos || last > toNanos) {
                return false;
            }
            Batch ends = ends(series, first, last);
            Vector[] sliceKeys = new Vector[plan.keys().size()];
            for (int k = 0; k < sliceKeys.length; k++) {
                sliceKeys[k] = plan.keys().get(k).evaluate(ends, eval);
                if (!sameRows(sliceKeys[k])) {
                    return false;
                }
            }
            for (int i = 0; i < functions; i++) {
                List<Integer> channels = plan.argumentChannels().get(i);
                List<ColumnStats> arguments = new ArrayList<>(channels.size());
                for (int channel : channels) {
                    int c = chunkColumns[channel];
                    arguments.add(c >= 0 ? slices.column(c, s) : noValues(scanColumns.get(channel)));
                }
                Optional<Vector[]> state = plan.functions().get(i).intermediateFromStats(slices.rows(s), arguments);
                if (state.isEmpty()) {
                    return false;
                }
                states.add(state.get());
            }
            keys.add(sliceKeys);
        }
        for (int r = 0; r < keys.size(); r++) {
            append(keys.get(r), null, 0, states, r * functions);
            bytes += 8L * (2 + builders.length - keys.get(r).length);
        }
        return true;
    }

    /**
     * One row per run of equal group keys among the chunk's rows in range, from stats of the
     * decoded values; false (nothing added) when the chunk is left to the scan.
     */
    private boolean addRuns(SealedChunk chunk, long fromNanos, long toNanos, long first, long last, Vector[] endKeys,
            int[] chunkColumns, SeriesKey series) {
        for (int channel : valueChannels) {
            int c = chunkColumns[channel];
            if (c >= 0 && !numeric(chunk.columns().get(c).type())) {
                return false;
            }
        }
        int[] varying = varyingKeys(endKeys);
        if (varying.length > 0 && binsTooNarrow(first, last, varying)) {
            return false;
        }
        int n = chunk.count();
        if (times.length < n) {
            times = new long[n];
            runStarts = new int[n + 1];
        }
        chunk.decodeTimes(times);
        int lo = SeriesMerge.firstAtOrAfter(times, n, fromNanos);
        int hi = SeriesMerge.firstAfter(times, n, toNanos);
        if (lo >= hi) {
            return true;
        }
        Vector[] rowKeys = new Vector[endKeys.length];
        if (varying.length > 0) {
            Batch rows = timeBatch(times, n, rowStandIns);
            for (int k : varying) {
                Vector key = plan.keys().get(k).evaluate(rows, eval);
                if (key.storage() != Storage.LONG || key.mayHaveNulls()) {
                    return false;
                }
                rowKeys[k] = key;
            }
        }
        int runs = cutRuns(rowKeys, varying, lo, hi);
        decodeValues(chunk, chunkColumns, n);
        List<Vector[]> states = new ArrayList<>(runs * plan.functions().size());
        for (int r = 0; r < runs; r++) {
            int from = runStarts[r];
            int to = runStarts[r + 1];
            for (int i = 0; i < plan.functions().size(); i++) {
                List<Integer> channels = plan.argumentChannels().get(i);
                List<ColumnStats> arguments = new ArrayList<>(channels.size());
                for (int channel : channels) {
                    arguments.add(runStats(channel, chunkColumns[channel], from, to));
                }
                Optional<Vector[]> state = plan.functions().get(i).intermediateFromStats(to - from, arguments);
                if (state.isEmpty()) {
                    return false;
                }
                states.add(state.get());
            }
        }
        for (int r = 0; r < runs; r++) {
            append(endKeys, rowKeys, runStarts[r], states, r * plan.functions().size());
        }
        bytes += decodedBytes(series, chunkColumns, lo, hi);
        return true;
    }

    /** The keys whose values differ between the ends of the chunk's rows in range. */
    private static int[] varyingKeys(Vector[] endKeys) {
        int count = 0;
        int[] varying = new int[endKeys.length];
        for (int k = 0; k < endKeys.length; k++) {
            if (!sameRows(endKeys[k])) {
                varying[count++] = k;
            }
        }
        return Arrays.copyOf(varying, count);
    }

    /** True when the varying keys change twice within two probe steps from the first time (see {@link #PROBE_STEPS}). */
    private boolean binsTooNarrow(long first, long last, int[] varying) {
        long step = (last - first) / PROBE_STEPS;
        probeTimes[0] = first;
        probeTimes[1] = first + step;
        probeTimes[2] = first + 2 * step;
        Batch probe = timeBatch(probeTimes, 3, probeStandIns);
        boolean firstChange = false;
        boolean secondChange = false;
        for (int k : varying) {
            Vector key = plan.keys().get(k).evaluate(probe, eval);
            if (key.storage() != Storage.LONG || key.mayHaveNulls()) {
                return true;
            }
            long[] values = key.longs();
            firstChange |= values[0] != values[1];
            secondChange |= values[1] != values[2];
        }
        return firstChange && secondChange;
    }

    /** Fills {@link #runStarts} with the first row of each run of equal keys in {@code [lo, hi)}, then hi; returns the runs. */
    private int cutRuns(Vector[] rowKeys, int[] varying, int lo, int hi) {
        int runs = 0;
        runStarts[runs++] = lo;
        if (varying.length == 1) {
            long[] key = rowKeys[varying[0]].longs();
            for (int i = lo + 1; i < hi; i++) {
                if (key[i] != key[i - 1]) {
                    runStarts[runs++] = i;
                }
            }
        } else if (varying.length > 1) {
            for (int i = lo + 1; i < hi; i++) {
                for (int k : varying) {
                    long[] key = rowKeys[k].longs();
                    if (key[i] != key[i - 1]) {
                        runStarts[runs++] = i;
                        break;
                    }
                }
            }
        }
        runStarts[runs] = hi;
        return runs;
    }

    /** Decodes the chunk's value columns the aggregates read into the reused arrays, with their presence. */
    private void decodeValues(SealedChunk chunk, int[] chunkColumns, int n) {
        for (int channel : valueChannels) {
            int c = chunkColumns[channel];
            if (c < 0) {
                continue;
            }
            if (chunk.allPresent(c)) {
                presence[channel] = null;
            } else {
                presence[channel] = grown(presence[channel], n);
                chunk.decodePresence(c, presence[channel]);
            }
            decodedAsDouble[channel] = chunk.columns().get(c).type() == MeasureType.DOUBLE;
            if (decodedAsDouble[channel]) {
                doubles[channel] = doubles[channel] == null || doubles[channel].length < n ? new double[n] : doubles[channel];
                chunk.decodeDoubles(c, doubles[channel]);
            } else {
                longs[channel] = longs[channel] == null || longs[channel].length < n ? new long[n] : longs[channel];
                chunk.decodeLongs(c, longs[channel]);
            }
        }
    }

    /** The stats of rows {@code [from, to)} of scanned column {@code channel} (chunk column {@code c}, -1: none). */
    private ColumnStats runStats(int channel, int c, int from, int to) {
        ScanColumn column = scanColumns.get(channel);
        if (column.role() == ColumnRole.TIMESTAMP) {
            return timeStats(to - from, times[from], times[to - 1]);
        }
        if (c < 0) {
            return noValues(column);
        }
        return decodedAsDouble[channel]
                ? ColumnStats.DoubleStats.of(doubles[channel], presence[channel], from, to)
                : ColumnStats.LongStats.of(longs[channel], presence[channel], from, to);
    }

    /** What the scan would count for rows {@code [lo, hi)} of the chunk (see {@code ScanBatchDecoder}). */
    private long decodedBytes(SeriesKey series, int[] chunkColumns, int lo, int hi) {
        long total = 0;
        for (int channel = 0; channel < scanColumns.size(); channel++) {
            ScanColumn column = scanColumns.get(channel);
            switch (column.role()) {
                case TIMESTAMP:
                    total += 8L * (hi - lo);
                    break;
                case DIMENSION:
                case MEASURE_NAME:
                    String name = column.role() == ColumnRole.DIMENSION ? series.dimensionValue(column.name()) : series.measureName();
                    total += name == null ? 0 : (long) name.length() * (hi - lo);
                    break;
                default:
                    if (chunkColumns[channel] >= 0) {
                        total += 8L * present(presence[channel], lo, hi);
                    }
            }
        }
        return total;
    }

    private static int present(boolean[] present, int lo, int hi) {
        if (present == null) {
            return hi - lo;
        }
        int count = 0;
        for (int i = lo; i < hi; i++) {
            count += present[i] ? 1 : 0;
        }
        return count;
    }

    /**
     * Appends one output row: each key from row 0 of its end vector, or from row {@code row} of its
     * row-wide vector when it varies; then the states {@code states[firstState..]}, one per aggregate.
     */
    private void append(Vector[] endKeys, Vector[] rowKeys, int row, List<Vector[]> states, int firstState) {
        int out = 0;
        for (int k = 0; k < endKeys.length; k++) {
            if (rowKeys != null && rowKeys[k] != null) {
                builders[out++].append(rowKeys[k], row);
            } else {
                builders[out++].append(endKeys[k], 0);
            }
        }
        for (int i = 0; i < plan.functions().size(); i++) {
            for (Vector value : states.get(firstState + i)) {
                builders[out++].append(value, 0);
            }
        }
        rowCount++;
    }

    /**
     * The chunk's first and last rows in range as far as group keys can tell: its series' names
     * and those rows' times (nulls in the value columns). A name's vector is the last chunk's
     * while the name is the same (a series' chunks come one after another).
     */
    private Batch ends(SeriesKey series, long firstTime, long lastTime) {
        for (int c = 0; c < endColumns.length; c++) {
            ScanColumn column = scanColumns.get(c);
            Vector previous = endColumns[c];
            switch (column.role()) {
                case DIMENSION:
                case MEASURE_NAME:
                    String name = column.role() == ColumnRole.DIMENSION ? series.dimensionValue(column.name()) : series.measureName();
                    if (previous == null || !Objects.equals(previous.get(0), name)) {
                        endColumns[c] = Vector.constant(column.type(), name, 2);
                    }
                    break;
                case TIMESTAMP:
                    endColumns[c] = Vector.ofLongs(column.type(), new long[] {firstTime, lastTime}, null, 2);
                    break;
                default:
                    if (previous == null) {
                        endColumns[c] = Vector.nulls(column.type(), 2);
                    }
            }
        }
        return new Batch(Arrays.asList(endColumns), 2);
    }

    /**
     * A batch of {@code size} rows whose time columns are {@code values} and whose other columns are
     * all-null stand-ins (kept in {@code standIns} while the size holds): what a key that reads only
     * the time is evaluated over. Its vectors do not outlive the call that evaluates them, so
     * {@code values} may be a reused array.
     */
    private Batch timeBatch(long[] values, int size, Vector[] standIns) {
        List<Vector> columns = new ArrayList<>(scanColumns.size());
        for (int c = 0; c < scanColumns.size(); c++) {
            ScanColumn column = scanColumns.get(c);
            if (column.role() == ColumnRole.TIMESTAMP) {
                columns.add(Vector.ofLongs(column.type(), values, null, size));
            } else {
                if (standIns[c] == null || standIns[c].size() != size) {
                    standIns[c] = Vector.nulls(column.type(), size);
                }
                columns.add(standIns[c]);
            }
        }
        return new Batch(columns, size);
    }

    /** Per scanned column, its index in the chunk's columns: worked out again only when a chunk's columns differ from the last one's. */
    private int[] chunkColumns(List<ColumnSpec> columns) {
        if (columns != lastColumns && !columns.equals(lastColumns)) {
            int[] indexes = new int[scanColumns.size()];
            for (int channel = 0; channel < indexes.length; channel++) {
                indexes[channel] = chunkColumnIndex(columns, scanColumns.get(channel));
            }
            chunkColumnOf = indexes;
            lastColumns = columns;
        }
        return chunkColumnOf;
    }

    /** True when a key vector of two rows holds equal values in both (two nulls are equal). */
    private static boolean sameRows(Vector key) {
        Object first = key.get(0);
        Object last = key.get(1);
        return first == null ? last == null : last != null && Values.equal(key.type(), first, last);
    }

    private static boolean isValue(ColumnRole role) {
        return role != ColumnRole.TIMESTAMP && role != ColumnRole.DIMENSION && role != ColumnRole.MEASURE_NAME;
    }

    private static boolean numeric(MeasureType type) {
        return type == MeasureType.DOUBLE || type == MeasureType.BIGINT;
    }

    private static boolean[] grown(boolean[] array, int n) {
        return array == null || array.length < n ? new boolean[n] : array;
    }

    /**
     * The stats of the time over {@code count} rows from {@code first} to {@code last}: times are
     * present in every row, unique and ascending, so the first is the minimum and the last the
     * maximum (their sum is not kept: marked overflowed).
     */
    private static ColumnStats timeStats(int count, long first, long last) {
        return new ColumnStats.LongStats(count, first, last, 0, true, first, last);
    }

    /** The index of the chunk column a scan reads as {@code column} (same name and type), -1 when it has none or it is the time. */
    private static int chunkColumnIndex(List<ColumnSpec> columns, ScanColumn column) {
        if (column.role() == ColumnRole.TIMESTAMP) {
            return -1;
        }
        for (int c = 0; c < columns.size(); c++) {
            ColumnSpec spec = columns.get(c);
            if (spec.name().equals(column.name()) && EngineSchemaProvider.sqlType(spec.type()) == column.type()) {
                return c;
            }
        }
        return -1;
    }

    /** The stats of a scanned column in a chunk that has no column of its name and type: stats of no values. */
    private static ColumnStats noValues(ScanColumn column) {
        if (column.type() == PrimitiveType.DOUBLE) {
            return new ColumnStats.DoubleStats(0, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
        }
        if (column.type() == PrimitiveType.BIGINT || column.type() == PrimitiveType.TIMESTAMP) {
            return new ColumnStats.LongStats(0, 0, 0, 0, false, 0, 0);
        }
        return column.type() == PrimitiveType.BOOLEAN ? new ColumnStats.BooleanStats(0, 0) : new ColumnStats.VarcharStats(0);
    }
}
