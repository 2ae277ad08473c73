package io.tidemark.engine.query.fragment;

import io.tidemark.engine.query.EngineSchemaProvider;
import io.tidemark.engine.query.vector.Batch;
import io.tidemark.engine.query.vector.Storage;
import io.tidemark.engine.query.vector.Vector;
import io.tidemark.engine.scan.SeriesMerge;
import io.tidemark.sql.analyzer.ColumnRole;
import io.tidemark.sql.type.SqlType;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns one series' chunk into the batches a scan delivers: the channels of
 * {@link ScanRequest#columns()} in order, only the rows with time in the scanned range, and only
 * the requested columns decoded (times only when {@code time} is requested or the chunk sticks out
 * of the range). A dimension is its value in the series key (null when the series lacks it),
 * {@code measure_name} the key's measure name, and a value column (a single-measure series'
 * {@code measure_value::<type>} or a multi-measure attribute) the chunk column of that name and
 * type, null in every row when the chunk has none.
 *
 * <p><b>Bytes scanned</b>, the measure a query reports and meters: per delivered row and
 * requested column, 8 bytes for a time, BIGINT, DOUBLE or TIMESTAMP value, 1 for a BOOLEAN, the
 * string's length for a VARCHAR (dimension values and measure names included, as every row reads
 * them), nothing for a null. Series and chunks pruned before decoding cost nothing.
 *
 * <p>A dimension or measure name column repeats one value over a chunk: its vector is kept and
 * handed out again for the next chunk of the same size and value (vectors are immutable), so a
 * series' chunks fill the array once. That state makes a decoder one shard task's: not shared
 * between threads.
 *
 * <p><b>Filter first.</b> Given the fragment's {@link ScanFilter}, the decoder decodes the time,
 * the dimension columns and the value columns the filter reads, evaluates the filter over them (the
 * other value columns are nulls in its input), and decodes the remaining value columns only when
 * some row of the chunk passes; it delivers only the rows that pass. A filter keeping a few
 * percent of the rows ({@code usage_user > 90}) so leaves most chunks' other columns undecoded.
 * VARCHAR value columns are always decoded (their bytes scanned are their strings' lengths).
 * A chunk whose header stats rule out every row ({@link ScanFilter#mayPass}) is not decoded at
 * all (only its times when the range cuts it, to count its rows in range).
 */
final class ScanBatchDecoder {

    /** Rows per batch at most: large enough to amortize per-batch work, small enough to stay in cache. */
    static final int MAX_BATCH_ROWS = 8192;

    private final List<ScanColumn> columns;
    private final long fromNanos;
    private final long toNanos;
    private final boolean timeRequested;
    private final ScanFilter filter;
    /** Per requested column, the last constant vector made for it (dimension and measure name columns). */
    private final Vector[] constants;
    /** Per requested column, the last all-null stand-in the filter saw for it while it was not decoded. */
    private final Vector[] placeholders;
    /** Value columns decoded so far (a chunk's column counts once): what filter-first saves shows here. */
    private long valueColumnsDecoded;

    ScanBatchDecoder(List<ScanColumn> columns, long fromNanos, long toNanos) {
        this(columns, fromNanos, toNanos, null);
    }

    /**
     * @param filter when not null, only the rows it holds for are delivered, and value columns it
     *     does not read are decoded only for chunks with rows that pass
     */
    ScanBatchDecoder(List<ScanColumn> columns, long fromNanos, long toNanos, ScanFilter filter) {
        this.columns = List.copyOf(columns);
        this.fromNanos = fromNanos;
        this.toNanos = toNanos;
        this.filter = filter;
        boolean time = false;
        for (ScanColumn column : columns) {
            time |= column.role() == ColumnRole.TIMESTAMP;
        }
        this.timeRequested = time;
        this.constants = new Vector[this.columns.size()];
        this.placeholders = new Vector[this.columns.size()];
    }

    /**
     * Delivers the chunk's rows in the range (that pass the filter, if any) to {@code out}, at
     * most {@link #MAX_BATCH_ROWS} per batch; returns the bytes scanned, which the filter does not
     * change: every requested column of every row in the range counts, decoded or not.
     */
    long decode(SeriesKey series, SealedChunk chunk, Consumer<Batch> out) {
        if (chunk.maxTime() < fromNanos || chunk.minTime() > toNanos) {
            return 0;
        }
        int n = chunk.count();
        long[] times = null;
        int lo = 0;
        int hi = n;
        boolean inside = chunk.minTime() >= fromNanos && chunk.maxTime() <= toNanos;
        boolean ruledOut = filter != null && !filter.mayPass(chunk, columns);
        if (ruledOut ? !inside : timeRequested || !inside) {
            times = new long[n];
            chunk.decodeTimes(times);
            lo = SeriesMerge.firstAtOrAfter(times, n, fromNanos);
            hi = SeriesMerge.firstAfter(times, n, toNanos);
        }
        if (lo >= hi) {
            return 0;
        }
        Vector[] whole = new Vector[columns.size()];
        boolean deferred = false;
        long bytes = 0;
        for (int c = 0; c < columns.size(); c++) {
            ScanColumn column = columns.get(c);
            if (column.role() == ColumnRole.DIMENSION || column.role() == ColumnRole.MEASURE_NAME) {
                String constant = constantValue(series, column);
                if (!ruledOut) {
                    whole[c] = constant(c, column.type(), constant, n);
                }
                bytes += constant == null ? 0 : (long) constant.length() * (hi - lo);
            } else if (column.role() == ColumnRole.TIMESTAMP) {
                bytes += 8L * (hi - lo);
                if (!ruledOut) {
                    whole[c] = Vector.ofLongs(column.type(), times, null, n);
                }
            } else if (ruledOut && Storage.of(column.type()) == Storage.OBJECT) {
                bytes += bytes(valueColumn(chunk, column, n), lo, hi);
                valueColumnsDecoded++;
            } else if (!ruledOut && (filter == null || filter.reads(c) || Storage.of(column.type()) == Storage.OBJECT)) {
                whole[c] = valueColumn(chunk, column, n);
                valueColumnsDecoded++;
                bytes += bytes(whole[c], lo, hi);
            } else {
                deferred = true;
                bytes += undecodedBytes(chunk, column, lo, hi);
            }
        }
        if (ruledOut) {
            return bytes;
        }
        for (int from = lo; from < hi; from += MAX_BATCH_ROWS) {
            int to = Math.min(hi, from + MAX_BATCH_ROWS);
            if (filter == null) {
                out.accept(piece(whole, from, to, n));
                continue;
            }
            int[] passed = filter.survivors(probe(whole, from, to, n));
            if (passed.length == 0) {
                continue;
            }
            if (deferred) {
                decodeDeferred(chunk, whole, n);
                deferred = false;
            }
            out.accept(passed.length == to - from ? piece(whole, from, to, n) : selected(whole, from, passed));
        }
        return bytes;
    }

    /** Rows {@code [from, to)} of the chunk's vectors: the vectors themselves when that is all of them. */
    private static Batch piece(Vector[] whole, int from, int to, int n) {
        if (from == 0 && to == n) {
            return new Batch(Arrays.asList(whole), n);
        }
        List<Vector> piece = new ArrayList<>(whole.length);
        for (Vector vector : whole) {
            piece.add(vector.slice(from, to));
        }
        return new Batch(piece, to - from);
    }

    /** What the filter evaluates: rows {@code [from, to)}, nulls in the columns not decoded yet. */
    private Batch probe(Vector[] whole, int from, int to, int n) {
        List<Vector> probe = new ArrayList<>(whole.length);
        for (int c = 0; c < whole.length; c++) {
            Vector vector = whole[c];
            if (vector == null) {
                probe.add(placeholder(c, to - from));
            } else {
                probe.add(from == 0 && to == n ? vector : vector.slice(from, to));
            }
        }
        return new Batch(probe, to - from);
    }

    /** The rows {@code from + passed[i]} of the chunk's vectors. */
    private static Batch selected(Vector[] whole, int from, int[] passed) {
        if (from != 0) {
            for (int i = 0; i < passed.length; i++) {
                passed[i] += from;
            }
        }
        List<Vector> rows = new ArrayList<>(whole.length);
        for (Vector vector : whole) {
            rows.add(vector.select(passed, passed.length));
        }
        return new Batch(rows, passed.length);
    }

    /** Decodes the value columns left for later, now that some row passed the filter. */
    private void decodeDeferred(SealedChunk chunk, Vector[] whole, int n) {
        for (int c = 0; c < whole.length; c++) {
            if (whole[c] == null) {
                whole[c] = valueColumn(chunk, columns.get(c), n);
                valueColumnsDecoded++;
            }
        }
    }

    /** Column {@code c}'s all-null stand-in of {@code rows} rows for the filter's input, reused while the size holds. */
    private Vector placeholder(int c, int rows) {
        Vector previous = placeholders[c];
        if (previous != null && previous.size() == rows) {
            return previous;
        }
        Vector made = Vector.nulls(columns.get(c).type(), rows);
        placeholders[c] = made;
        return made;
    }

    /**
     * The bytes scanned of rows {@code [lo, hi)} of a LONG-, DOUBLE- or BOOLEAN-stored value column
     * without decoding its values: the width times the rows where the chunk holds the column.
     */
    private static long undecodedBytes(SealedChunk chunk, ScanColumn column, int lo, int hi) {
        int c = indexOf(chunk.columns(), column);
        if (c < 0) {
            return 0;
        }
        int width = Storage.of(column.type()) == Storage.BOOLEAN ? 1 : 8;
        if (chunk.allPresent(c)) {
            return (long) width * (hi - lo);
        }
        boolean[] present = new boolean[chunk.count()];
        chunk.decodePresence(c, present);
        int count = 0;
        for (int i = lo; i < hi; i++) {
            if (present[i]) {
                count++;
            }
        }
        return (long) width * count;
    }

    /** Value columns decoded so far, one per chunk and column whether the chunk holds the column or not. */
    long valueColumnsDecoded() {
        return valueColumnsDecoded;
    }

    /** The value a dimension (null when the series lacks it) or measure name column holds in every row. */
    private static String constantValue(SeriesKey series, ScanColumn column) {
        return column.role() == ColumnRole.DIMENSION ? series.dimensionValue(column.name()) : series.measureName();
    }

    /** Column {@code c}'s constant vector of {@code n} rows of {@code value}: the previous one when it is the same. */
    private Vector constant(int c, SqlType type, String value, int n) {
        Vector previous = constants[c];
        if (previous != null && previous.size() == n && Objects.equals(previous.get(0), value)) {
            return previous;
        }
        Vector made = Vector.constant(type, value, n);
        constants[c] = made;
        return made;
    }

    /** A value column of the chunk, decoded; all null when the chunk has no column of that name and type. */
    private static Vector valueColumn(SealedChunk chunk, ScanColumn column, int n) {
        int c = indexOf(chunk.columns(), column);
        if (c < 0) {
            return Vector.nulls(column.type(), n);
        }
        boolean[] nulls = null;
        if (!chunk.allPresent(c)) {
            nulls = new boolean[n];
            chunk.decodePresence(c, nulls);
            for (int i = 0; i < n; i++) {
                nulls[i] = !nulls[i];
            }
        }
        SqlType type = column.type();
        switch (chunk.columns().get(c).type()) {
            case DOUBLE: {
                double[] values = new double[n];
                chunk.decodeDoubles(c, values);
                return Vector.ofDoubles(type, values, nulls, n);
            }
            case BIGINT:
            case TIMESTAMP: {
                long[] values = new long[n];
                chunk.decodeLongs(c, values);
                return Vector.ofLongs(type, values, nulls, n);
            }
            case BOOLEAN: {
                boolean[] values = new boolean[n];
                chunk.decodeBooleans(c, values);
                return Vector.ofBooleans(type, values, nulls, n);
            }
            default: {
                String[] values = new String[n];
                chunk.decodeVarchars(c, values);
                return Vector.ofObjects(type, values, n);
            }
        }
    }

    /** The index of the chunk column a scan reads as {@code column} (same name and type), -1 when the chunk has none. */
    static int indexOf(List<ColumnSpec> specs, ScanColumn column) {
        for (int c = 0; c < specs.size(); c++) {
            ColumnSpec spec = specs.get(c);
            if (spec.name().equals(column.name()) && EngineSchemaProvider.sqlType(spec.type()) == column.type()) {
                return c;
            }
        }
        return -1;
    }

    /** The bytes scanned of rows {@code [lo, hi)} of a column, as the class comment defines them. */
    private static long bytes(Vector vector, int lo, int hi) {
        long bytes = 0;
        switch (vector.storage()) {
            case LONG:
            case DOUBLE:
                return 8L * nonNull(vector, lo, hi);
            case BOOLEAN:
                return nonNull(vector, lo, hi);
            default:
                Object[] values = vector.objects();
                for (int i = lo; i < hi; i++) {
                    if (values[i] instanceof String s) {
                        bytes += s.length();
                    }
                }
                return bytes;
        }
    }

    private static int nonNull(Vector vector, int lo, int hi) {
        if (!vector.mayHaveNulls()) {
            return hi - lo;
        }
        boolean[] nulls = vector.nullMask();
        int count = 0;
        for (int i = lo; i < hi; i++) {
            if (!nulls[i]) {
                count++;
            }
        }
        return count;
    }
}
