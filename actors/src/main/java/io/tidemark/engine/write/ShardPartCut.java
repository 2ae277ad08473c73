package io.tidemark.engine.write;

import com.typesafe.config.Config;
import io.tidemark.storage.journal.ValueColumn;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Cuts a shard's part of a write into consecutive parts that each fit one remoting message. A
 * part travels to the node hosting the shard, and from there to its replicas, as one message on
 * Pekko's large-message stream, and is one journal entry; Artery drops a message larger than its
 * frame ({@code pekko.remote.artery.advanced.maximum-large-frame-size}), so a line-protocol body
 * whose rows for one shard exceed it could otherwise never be written to a shard on another node.
 * Rows keep their order (so rows of one series stay in write order across the parts); each part
 * is an ordinary {@link WriteBatch} with the series its rows use. Sizes are upper bounds of
 * {@link io.tidemark.storage.journal.WriteBatchSerializer}'s bytes (strings at 3 bytes per char,
 * varints at their widest), so a part never exceeds the limit; a single row is never cut, and a
 * part holds at least one. A part within the limit (nearly every write) is returned as it is,
 * after a look at its string columns only.
 */
public final class ShardPartCut {

    /** The key of the limit; {@code auto} derives it from the large frame. */
    public static final String MAX_PART_BYTES = "tidemark.engine.write.max-shard-part-bytes";
    static final String LARGE_FRAME = "pekko.remote.artery.advanced.maximum-large-frame-size";
    /** Room left in a large frame for the command's envelope, the replication message and the journal frame. */
    private static final double FRAME_SHARE = 0.75;
    /** A varint's widest form, and a string's length prefix. */
    private static final int VARINT = 5;
    private static final int VARLONG = 10;

    private ShardPartCut() {
    }

    /**
     * The most bytes one shard part may take on the wire: {@value #MAX_PART_BYTES}, or 3/4 of
     * {@value #LARGE_FRAME} when it is {@code auto} (no frame configured: no limit).
     */
    public static long maxPartBytes(Config root) {
        if (root.hasPath(MAX_PART_BYTES) && !"auto".equals(root.getString(MAX_PART_BYTES))) {
            long bytes = root.getBytes(MAX_PART_BYTES);
            if (bytes < 1024) {
                throw new IllegalArgumentException("cannot configure write parts: " + MAX_PART_BYTES
                        + " must be at least 1 KiB, bytes=" + bytes);
            }
            return bytes;
        }
        return root.hasPath(LARGE_FRAME) ? (long) (root.getBytes(LARGE_FRAME) * FRAME_SHARE) : Long.MAX_VALUE;
    }

    /** {@code part} as one or more parts of at most {@code maxBytes} each (a single row may exceed it alone). */
    public static List<ShardPart> cut(ShardPart part, long maxBytes) {
        WriteBatch batch = part.batch();
        Sizes sizes = new Sizes(batch);
        if (sizes.total() <= maxBytes) {
            return List.of(part);
        }
        List<ShardPart> parts = new ArrayList<>();
        int[] seenInPart = new int[batch.seriesCount()];
        Arrays.fill(seenInPart, -1);
        int from = 0;
        long bytes = sizes.header;
        for (int row = 0; row < batch.rowCount(); row++) {
            int series = batch.seriesIndex(row);
            long rowBytes = sizes.row(row) + (seenInPart[series] == from ? 0 : sizes.series[series]);
            if (row > from && bytes + rowBytes > maxBytes) {
                parts.add(slice(part, from, row));
                from = row;
                bytes = sizes.header;
                rowBytes = sizes.row(row) + sizes.series[series];
            }
            seenInPart[series] = from;
            bytes += rowBytes;
        }
        parts.add(slice(part, from, batch.rowCount()));
        return parts;
    }

    /** An upper bound of the bytes {@code batch} takes on the wire. */
    static long estimateBytes(WriteBatch batch) {
        return new Sizes(batch).total();
    }

    private static ShardPart slice(ShardPart part, int from, int to) {
        BitSet rows = new BitSet(to);
        rows.set(from, to);
        return new ShardPart(part.shard(), part.batch().retainRows(rows),
                Arrays.copyOfRange(part.recordIndexes(), from, to), part.magneticRows().get(from, to),
                Arrays.copyOfRange(part.rowBytes(), from, to));
    }

    /** The batch's size in pieces: fixed header, per series, per row. */
    private static final class Sizes {

        final WriteBatch batch;
        final long header;
        final long[] series;
        final long fixedRow;
        final int[] varcharColumns;

        Sizes(WriteBatch batch) {
            this.batch = batch;
            long head = 4 * VARINT + stringBytes(batch.tableId());
            long perRow = VARINT + 8 + VARLONG;
            int varchars = 0;
            int[] strings = new int[batch.columnCount()];
            for (int c = 0; c < batch.columnCount(); c++) {
                ValueColumn column = batch.column(c);
                // name, type id, and the presence and boolean bitsets rounded up to a whole word
                head += stringBytes(column.name()) + 1 + 16;
                perRow += 1;
                if (column.type() == MeasureType.VARCHAR) {
                    strings[varchars++] = c;
                } else if (column.type() != MeasureType.BOOLEAN) {
                    perRow += 8;
                }
            }
            this.header = head;
            this.fixedRow = perRow;
            this.varcharColumns = Arrays.copyOf(strings, varchars);
            this.series = new long[batch.seriesCount()];
            for (int s = 0; s < series.length; s++) {
                SeriesKey key = batch.series(s);
                long bytes = VARINT + stringBytes(key.measureName());
                for (int d = 0; d < key.dimensionCount(); d++) {
                    bytes += stringBytes(key.dimension(d).name()) + stringBytes(key.dimension(d).value());
                }
                series[s] = bytes;
            }
        }

        long row(int row) {
            long bytes = fixedRow;
            for (int c : varcharColumns) {
                ValueColumn column = batch.column(c);
                bytes += column.isPresent(row) ? stringBytes(column.stringAt(row)) : 1;
            }
            return bytes;
        }

        long total() {
            long bytes = header + (long) batch.rowCount() * fixedRow;
            for (long s : series) {
                bytes += s;
            }
            if (varcharColumns.length > 0) {
                for (int row = 0; row < batch.rowCount(); row++) {
                    bytes += row(row) - fixedRow;
                }
            }
            return bytes;
        }

        private static long stringBytes(String s) {
            return VARINT + 3L * s.length();
        }
    }
}
