package io.tidemark.engine.shard;

import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.chunk.OpenChunk;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.model.MeasureType;
import java.util.Arrays;
import java.util.List;

/**
 * A sealed chunk decoded into primitive arrays: rows sorted by time with unique times, so a point
 * is found by binary search. Decoding costs a pass over the chunk; the duplicate check and the
 * migration split use it, never the write path's fast path.
 */
final class ChunkRows implements PointRows {

    private final SealedChunk chunk;
    private final List<ColumnSpec> columns;
    private final long[] times;
    private final long[] versions;
    private final boolean[][] present;
    private final double[][] doubles;
    private final long[][] longs;
    private final boolean[][] booleans;
    private final String[][] varchars;

    ChunkRows(SealedChunk chunk) {
        this.chunk = chunk;
        this.columns = chunk.columns();
        int n = chunk.count();
        int c = columns.size();
        times = new long[n];
        versions = new long[n];
        chunk.decodeTimes(times);
        chunk.decodeVersions(versions);
        present = new boolean[c][];
        doubles = new double[c][];
        longs = new long[c][];
        booleans = new boolean[c][];
        varchars = new String[c][];
        for (int col = 0; col < c; col++) {
            present[col] = new boolean[n];
            chunk.decodePresence(col, present[col]);
            switch (columns.get(col).type()) {
                case DOUBLE:
                    doubles[col] = new double[n];
                    chunk.decodeDoubles(col, doubles[col]);
                    break;
                case BIGINT:
                case TIMESTAMP:
                    longs[col] = new long[n];
                    chunk.decodeLongs(col, longs[col]);
                    break;
                case BOOLEAN:
                    booleans[col] = new boolean[n];
                    chunk.decodeBooleans(col, booleans[col]);
                    break;
                default:
                    varchars[col] = new String[n];
                    chunk.decodeVarchars(col, varchars[col]);
                    break;
            }
        }
    }

    SealedChunk chunk() {
        return chunk;
    }

    int count() {
        return times.length;
    }

    long timeAt(int row) {
        return times[row];
    }

    long versionAt(int row) {
        return versions[row];
    }

    /** The row holding {@code timeNanos}, or -1. */
    int find(long timeNanos) {
        int row = Arrays.binarySearch(times, timeNanos);
        return row < 0 ? -1 : row;
    }

    /** Appends row {@code row} to {@code target}, whose columns include this chunk's by name. */
    void copyRow(int row, OpenChunk target) {
        int to = target.append(times[row], versions[row]);
        for (int col = 0; col < columns.size(); col++) {
            if (!present[col][row]) {
                continue;
            }
            int tc = target.columnIndex(columns.get(col).name());
            switch (columns.get(col).type()) {
                case DOUBLE:
                    target.setDouble(tc, to, doubles[col][row]);
                    break;
                case BIGINT:
                case TIMESTAMP:
                    target.setLong(tc, to, longs[col][row]);
                    break;
                case BOOLEAN:
                    target.setBoolean(tc, to, booleans[col][row]);
                    break;
                default:
                    target.setVarchar(tc, to, varchars[col][row]);
                    break;
            }
        }
    }

    @Override
    public int columnCount() {
        return columns.size();
    }

    @Override
    public String columnName(int col) {
        return columns.get(col).name();
    }

    @Override
    public MeasureType columnType(int col) {
        return columns.get(col).type();
    }

    @Override
    public boolean isPresent(int col, int row) {
        return present[col][row];
    }

    @Override
    public double doubleAt(int col, int row) {
        return doubles[col][row];
    }

    @Override
    public long longAt(int col, int row) {
        return longs[col][row];
    }

    @Override
    public boolean booleanAt(int col, int row) {
        return booleans[col][row];
    }

    @Override
    public String varcharAt(int col, int row) {
        return varchars[col][row];
    }
}
