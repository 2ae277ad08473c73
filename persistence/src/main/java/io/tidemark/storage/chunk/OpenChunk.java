package io.tidemark.storage.chunk;

import io.tidemark.storage.model.MeasureType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The appendable chunk of one series: rows of (time in nanoseconds, version) plus one value per
 * column, held in growable primitive arrays (doubles in {@code double[]}, BIGINT/TIMESTAMP in
 * {@code long[]}, booleans and presence in bitsets, varchars as references), so appending a point
 * allocates nothing but the occasional array growth.
 *
 * <p>A row's values start absent; {@code setX} fills them. Rows may arrive in any time order and
 * repeat a time: {@link #seal()} sorts them (stably) and keeps, per time, the highest version, the
 * later-appended row winning a tie. Not thread-safe. Encoded form: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>.
 */
public final class OpenChunk {

    private static final int INITIAL_CAPACITY = 16;
    /** Largest row count: Java arrays stop a little short of Integer.MAX_VALUE. */
    private static final int MAX_ROWS = Integer.MAX_VALUE - 8;

    private final List<ColumnSpec> columns;
    private final MeasureType[] types;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private long[] times;
    /** Null while every row has {@link #sharedVersion}, the usual case; filled in when one differs. */
    private long[] versions;
    private long sharedVersion;
    /** Per column, only the array for its type is non-null. */
    private final double[][] doubles;
    private final long[][] longs;
    /** Boolean values as bitsets, one bit per row. */
    private final long[][] booleans;
    private final String[][] varchars;
    /** Bit set = the row has a value in this column. */
    private final long[][] present;
    private int size;
    private int capacity;
    /** Growth stops here once (the rows a caller seals at), then doubles past it if rows keep coming. */
    private final int growthCap;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;

    public OpenChunk(List<ColumnSpec> columns) {
        this(columns, INITIAL_CAPACITY);
    }

    /** An open chunk with room for {@code expectedRows} before its arrays grow. */
    public OpenChunk(List<ColumnSpec> columns, int expectedRows) {
        this(columns, expectedRows, MAX_ROWS);
    }

    /**
     * An open chunk with room for {@code expectedRows} before its arrays grow, whose doubling
     * stops at {@code growthCap} rows: a caller that seals at that many rows never holds (or
     * copies into) arrays bigger than it needs.
     */
    public OpenChunk(List<ColumnSpec> columns, int expectedRows, int growthCap) {
        this.growthCap = Math.max(1, growthCap);
        this.columns = List.copyOf(columns);
        if (this.columns.isEmpty()) {
            throw new IllegalArgumentException("cannot open chunk: no columns");
        }
        int c = this.columns.size();
        if (c > ChunkLayout.MAX_COLUMNS) {
            throw new IllegalArgumentException("cannot open chunk: columns=" + c + ", max=" + ChunkLayout.MAX_COLUMNS);
        }
        types = new MeasureType[c];
        doubles = new double[c][];
        longs = new long[c][];
        booleans = new long[c][];
        varchars = new String[c][];
        present = new long[c][];
        capacity = Math.max(1, Math.min(MAX_ROWS, expectedRows));
        times = new long[capacity];
        for (int i = 0; i < c; i++) {
            ColumnSpec spec = this.columns.get(i);
            if (columnIndex.put(spec.name(), i) != null) {
                throw new IllegalArgumentException("cannot open chunk: duplicate column name=" + spec.name());
            }
            types[i] = spec.type();
            switch (spec.type()) {
                case DOUBLE:
                    doubles[i] = new double[capacity];
                    break;
                case BIGINT:
                case TIMESTAMP:
                    longs[i] = new long[capacity];
                    break;
                case BOOLEAN:
                    booleans[i] = new long[words(capacity)];
                    break;
                case VARCHAR:
                    varchars[i] = new String[capacity];
                    break;
                default:
                    throw new IllegalArgumentException("cannot open chunk: unsupported column type=" + spec.type());
            }
            present[i] = new long[words(capacity)];
        }
    }

    /** Adds a row with every value absent and returns its index. */
    public int append(long timeNanos, long version) {
        if (size == capacity) {
            grow(grownCapacity(capacity));
        }
        times[size] = timeNanos;
        if (versions == null) {
            if (size == 0) {
                sharedVersion = version;
            } else if (version != sharedVersion) {
                versions = new long[capacity];
                Arrays.fill(versions, 0, size, sharedVersion);
            }
        }
        if (versions != null) {
            versions[size] = version;
        }
        minTime = Math.min(minTime, timeNanos);
        maxTime = Math.max(maxTime, timeNanos);
        return size++;
    }

    /**
     * Adds {@code count} rows, row {@code i} at {@code timeNanos[i]} with {@code versions[i]}, every
     * value absent: what {@link #append(long, long)} row by row does, the arrays grown once to the
     * capacity that would reach.
     */
    public void append(long[] timeNanos, long[] versions, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("cannot append rows: count=" + count);
        }
        if (count > MAX_ROWS - size) {
            throw new IllegalStateException("cannot append rows: chunk full, rows=" + size + ", adding=" + count);
        }
        int next = capacity;
        while (next - size < count) {
            next = grownCapacity(next);
        }
        if (next != capacity) {
            grow(next);
        }
        System.arraycopy(timeNanos, 0, times, size, count);
        if (this.versions == null && count > 0) {
            if (size == 0) {
                sharedVersion = versions[0];
            }
            int same = 0;
            while (same < count && versions[same] == sharedVersion) {
                same++;
            }
            if (same < count) {
                this.versions = new long[capacity];
                Arrays.fill(this.versions, 0, size, sharedVersion);
            }
        }
        if (this.versions != null) {
            System.arraycopy(versions, 0, this.versions, size, count);
        }
        long lo = minTime;
        long hi = maxTime;
        for (int i = 0; i < count; i++) {
            lo = Math.min(lo, timeNanos[i]);
            hi = Math.max(hi, timeNanos[i]);
        }
        minTime = lo;
        maxTime = hi;
        size += count;
    }

    /** The capacity after one growth from {@code from} rows: doubling, capped once at the growth cap. */
    private int grownCapacity(int from) {
        if (from == MAX_ROWS) {
            throw new IllegalStateException("cannot append row: chunk full, rows=" + size);
        }
        long doubled = 2L * from;
        return (int) Math.min(MAX_ROWS, from < growthCap ? Math.min(doubled, growthCap) : doubled);
    }

    public void setDouble(int col, int row, double value) {
        check(col, row, MeasureType.DOUBLE);
        doubles[col][row] = value;
        markPresent(col, row);
    }

    /** Sets a BIGINT or TIMESTAMP (nanoseconds) value. */
    public void setLong(int col, int row, long value) {
        checkRow(col, row);
        if (longs[col] == null) {
            throw wrongType(col, "BIGINT or TIMESTAMP");
        }
        longs[col][row] = value;
        markPresent(col, row);
    }

    /**
     * Sets BIGINT or TIMESTAMP column {@code col} of rows {@code firstRow} to {@code firstRow + count - 1}
     * to {@code values[0..count)}, every one present: a copy and whole words of presence rather
     * than a call per value.
     */
    public void setLongs(int col, int firstRow, long[] values, int count) {
        checkRows(col, firstRow, count);
        if (longs[col] == null) {
            throw wrongType(col, "BIGINT or TIMESTAMP");
        }
        System.arraycopy(values, 0, longs[col], firstRow, count);
        markPresent(col, firstRow, count);
    }

    /** Sets DOUBLE column {@code col} of {@code count} rows from {@code firstRow} on, the way of {@link #setLongs}. */
    public void setDoubles(int col, int firstRow, double[] values, int count) {
        checkRows(col, firstRow, count);
        if (types[col] != MeasureType.DOUBLE) {
            throw wrongType(col, MeasureType.DOUBLE.name());
        }
        System.arraycopy(values, 0, doubles[col], firstRow, count);
        markPresent(col, firstRow, count);
    }

    public void setBoolean(int col, int row, boolean value) {
        check(col, row, MeasureType.BOOLEAN);
        long bit = 1L << row;
        if (value) {
            booleans[col][row >>> 6] |= bit;
        } else {
            booleans[col][row >>> 6] &= ~bit;
        }
        markPresent(col, row);
    }

    /** Sets a VARCHAR value; null makes it absent again. */
    public void setVarchar(int col, int row, String value) {
        check(col, row, MeasureType.VARCHAR);
        varchars[col][row] = value;
        if (value == null) {
            present[col][row >>> 6] &= ~(1L << row);
        } else {
            markPresent(col, row);
        }
    }

    /** Rows appended so far, duplicates included. */
    public int size() {
        return size;
    }

    /** Smallest appended time; {@code Long.MAX_VALUE} while empty. */
    public long minTime() {
        return minTime;
    }

    /** Largest appended time; {@code Long.MIN_VALUE} while empty. */
    public long maxTime() {
        return maxTime;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    /** Time of row {@code row} in nanoseconds, in append order. */
    public long timeAt(int row) {
        checkRow(0, row);
        return times[row];
    }

    public long versionAt(int row) {
        checkRow(0, row);
        return versions == null ? sharedVersion : versions[row];
    }

    /** True when row {@code row} has a value in column {@code col}. */
    public boolean isPresent(int col, int row) {
        checkRow(col, row);
        return bit(present[col], row);
    }

    public double doubleAt(int col, int row) {
        check(col, row, MeasureType.DOUBLE);
        return doubles[col][row];
    }

    /** A BIGINT or TIMESTAMP (nanoseconds) value. */
    public long longAt(int col, int row) {
        checkRow(col, row);
        if (longs[col] == null) {
            throw wrongType(col, "BIGINT or TIMESTAMP");
        }
        return longs[col][row];
    }

    public boolean booleanAt(int col, int row) {
        check(col, row, MeasureType.BOOLEAN);
        return bit(booleans[col], row);
    }

    /** The VARCHAR value, or null when absent. */
    public String varcharAt(int col, int row) {
        check(col, row, MeasureType.VARCHAR);
        return varchars[col][row];
    }

    /** Rows the arrays hold before they grow: the open chunk's heap footprint follows it. */
    public int capacity() {
        return capacity;
    }

    /** Column index of {@code name}, or -1. */
    public int columnIndex(String name) {
        Integer i = columnIndex.get(name);
        return i == null ? -1 : i;
    }

    /**
     * Appends every row of {@code chunk}, mapping its columns to this chunk's by name. Used to
     * re-chunk: append several sealed chunks of one series, then {@link #seal()}; later appends win
     * duplicate times on equal versions.
     */
    public void appendAll(SealedChunk chunk) {
        int n = chunk.count();
        int[] target = new int[chunk.columns().size()];
        for (int c = 0; c < target.length; c++) {
            ColumnSpec spec = chunk.columns().get(c);
            target[c] = columnIndex(spec.name());
            if (target[c] < 0 || types[target[c]] != spec.type()) {
                throw new IllegalArgumentException("cannot append chunk: column not in this chunk, name="
                        + spec.name() + ", type=" + spec.type());
            }
        }
        if ((long) size + n > MAX_ROWS) {
            throw new IllegalStateException("cannot append chunk: rows=" + ((long) size + n) + ", max=" + MAX_ROWS);
        }
        if (size + n > capacity) {
            grow(size + n);
        }
        long[] t = new long[n];
        long[] v = new long[n];
        chunk.decodeTimes(t);
        chunk.decodeVersions(v);
        int first = size;
        append(t, v, n);
        boolean[] has = new boolean[n];
        for (int c = 0; c < target.length; c++) {
            chunk.decodePresence(c, has);
            copyColumn(chunk, c, target[c], first, n, has);
        }
    }

    /** Sorts, dedupes and encodes the rows. The open chunk stays usable and unchanged. */
    public SealedChunk seal() {
        if (size == 0) {
            throw new IllegalStateException("cannot seal chunk: no rows");
        }
        int[] keep = RowOrder.keep(times, versions, size);
        int n = keep == null ? size : keep.length;
        // rows already in order hand the writer this chunk's own arrays: it reads them, never writes
        ChunkWriter writer = new ChunkWriter(columns, n, gather(times, keep, n));
        if (versions == null) {
            writer.constantVersion(sharedVersion);
        } else {
            writer.versions(gather(versions, keep, n));
        }
        for (int c = 0; c < types.length; c++) {
            boolean[] has = presence(c, keep, n);
            switch (types[c]) {
                case DOUBLE:
                    double[] d = doubles[c];
                    if (keep != null) {
                        d = new double[n];
                        for (int i = 0; i < n; i++) {
                            d[i] = doubles[c][keep[i]];
                        }
                    }
                    writer.doubles(c, d, has);
                    break;
                case BIGINT:
                case TIMESTAMP:
                    writer.longs(c, gather(longs[c], keep, n), has);
                    break;
                case BOOLEAN:
                    boolean[] b = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        b[i] = bit(booleans[c], row(keep, i));
                    }
                    writer.booleans(c, b, has);
                    break;
                default:
                    String[] s = new String[n];
                    for (int i = 0; i < n; i++) {
                        s[i] = varchars[c][row(keep, i)];
                    }
                    writer.varchars(c, s, has);
                    break;
            }
        }
        return SealedChunk.wrap(writer.finish());
    }

    /** Presence of column {@code c} in kept order, or null when every row has a value. */
    private boolean[] presence(int c, int[] keep, int n) {
        long[] bits = present[c];
        if (keep == null && allSet(bits, n)) {
            return null;
        }
        boolean[] has = new boolean[n];
        for (int i = 0; i < n; i++) {
            has[i] = bit(bits, row(keep, i));
        }
        return has;
    }

    private static boolean allSet(long[] bits, int n) {
        int full = n >>> 6;
        for (int w = 0; w < full; w++) {
            if (bits[w] != -1L) {
                return false;
            }
        }
        int rest = n & 63;
        return rest == 0 || (bits[full] | (-1L << rest)) == -1L;
    }

    private void copyColumn(SealedChunk chunk, int from, int to, int firstRow, int n, boolean[] has) {
        switch (types[to]) {
            case DOUBLE:
                double[] d = new double[n];
                chunk.decodeDoubles(from, d);
                for (int i = 0; i < n; i++) {
                    if (has[i]) {
                        setDouble(to, firstRow + i, d[i]);
                    }
                }
                break;
            case BIGINT:
            case TIMESTAMP:
                long[] l = new long[n];
                chunk.decodeLongs(from, l);
                for (int i = 0; i < n; i++) {
                    if (has[i]) {
                        setLong(to, firstRow + i, l[i]);
                    }
                }
                break;
            case BOOLEAN:
                boolean[] b = new boolean[n];
                chunk.decodeBooleans(from, b);
                for (int i = 0; i < n; i++) {
                    if (has[i]) {
                        setBoolean(to, firstRow + i, b[i]);
                    }
                }
                break;
            default:
                String[] s = new String[n];
                chunk.decodeVarchars(from, s);
                for (int i = 0; i < n; i++) {
                    if (has[i]) {
                        setVarchar(to, firstRow + i, s[i]);
                    }
                }
                break;
        }
    }

    private void grow(int next) {
        times = Arrays.copyOf(times, next);
        if (versions != null) {
            versions = Arrays.copyOf(versions, next);
        }
        for (int c = 0; c < types.length; c++) {
            if (doubles[c] != null) {
                doubles[c] = Arrays.copyOf(doubles[c], next);
            }
            if (longs[c] != null) {
                longs[c] = Arrays.copyOf(longs[c], next);
            }
            if (booleans[c] != null) {
                booleans[c] = Arrays.copyOf(booleans[c], words(next));
            }
            if (varchars[c] != null) {
                varchars[c] = Arrays.copyOf(varchars[c], next);
            }
            present[c] = Arrays.copyOf(present[c], words(next));
        }
        capacity = next;
    }

    private void markPresent(int col, int row) {
        present[col][row >>> 6] |= 1L << row;
    }

    /** Marks rows {@code from} to {@code from + count - 1} of column {@code col} present, a word at a time. */
    private void markPresent(int col, int from, int count) {
        long[] bits = present[col];
        int end = from + count;
        int row = from;
        while (row < end) {
            int word = row >>> 6;
            int last = Math.min(end, (word + 1) << 6); // rows row..last-1 are in this word
            long mask = -1L >>> (64 - (last - row)) << row;
            bits[word] |= mask;
            row = last;
        }
    }

    private void checkRows(int col, int firstRow, int count) {
        if (col < 0 || col >= types.length || count < 0 || firstRow < 0 || firstRow > size - count) {
            throw new IndexOutOfBoundsException("cannot set values: col=" + col + ", columns=" + types.length
                    + ", firstRow=" + firstRow + ", count=" + count + ", size=" + size);
        }
    }

    private void check(int col, int row, MeasureType type) {
        checkRow(col, row);
        if (types[col] != type) {
            throw wrongType(col, type.name());
        }
    }

    private void checkRow(int col, int row) {
        if (col < 0 || col >= types.length || row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("cannot access value: col=" + col + ", columns=" + types.length
                    + ", row=" + row + ", size=" + size);
        }
    }

    private IllegalArgumentException wrongType(int col, String wanted) {
        return new IllegalArgumentException("cannot set value: column=" + columns.get(col).name() + " has type="
                + types[col] + ", not " + wanted);
    }

    private static boolean bit(long[] bits, int row) {
        return (bits[row >>> 6] & (1L << row)) != 0;
    }

    /** {@code src} rows in kept order; {@code keep == null} means rows 0..n-1, and returns src itself. */
    private static long[] gather(long[] src, int[] keep, int n) {
        if (keep == null) {
            return src;
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = src[keep[i]];
        }
        return out;
    }

    private static int row(int[] keep, int i) {
        return keep == null ? i : keep[i];
    }

    private static int words(int bits) {
        return (bits + 63) >>> 6;
    }

    static List<ColumnSpec> union(List<SealedChunk> chunks) {
        List<ColumnSpec> all = new ArrayList<>();
        Map<String, MeasureType> seen = new HashMap<>();
        for (SealedChunk chunk : chunks) {
            for (ColumnSpec spec : chunk.columns()) {
                MeasureType known = seen.putIfAbsent(spec.name(), spec.type());
                if (known == null) {
                    all.add(spec);
                } else if (known != spec.type()) {
                    throw new IllegalArgumentException("cannot merge chunks: column=" + spec.name()
                            + " has types " + known + " and " + spec.type());
                }
            }
        }
        return all;
    }
}
