package io.tidemark.storage.chunk;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.codec.BitReader;
import io.tidemark.storage.codec.BooleanBlockCodec;
import io.tidemark.storage.codec.CodecException;
import io.tidemark.storage.codec.DoubleBlockCodec;
import io.tidemark.storage.codec.LongBlockCodec;
import io.tidemark.storage.codec.VarcharDictionaryCodec;
import io.tidemark.storage.model.MeasureType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * An immutable, encoded chunk: one series over one time window, rows sorted by time with unique
 * times. {@link #bytes()} is the whole chunk as stored; {@link #wrap} checks magic, version, length
 * and CRC32C before anything is decoded. Byte layout: <a
 * href="../../../../../../../../docs/formats/chunk.md">docs/formats/chunk.md</a>.
 *
 * <p>Decoding writes into caller arrays of at least {@link #count()} elements; absent values decode
 * as 0, 0.0, false or null, and {@link #decodePresence} tells them apart from real ones. Each
 * section decodes independently, so reading one column never touches the others.
 */
public final class SealedChunk {

    private final byte[] bytes;
    private final int version;
    private final int count;
    private final long minTime;
    private final long maxTime;
    private final List<ColumnSpec> columns;
    private final ChunkStats stats;
    private final int[] sectionOffsets;
    private final int[] sectionLengths;

    private SealedChunk(byte[] bytes) {
        this.bytes = bytes;
        if (bytes.length < ChunkLayout.HEADER_BYTES + ChunkLayout.CRC_BYTES) {
            throw corrupt(0, "chunk truncated, length=" + bytes.length + ", minimum="
                    + (ChunkLayout.HEADER_BYTES + ChunkLayout.CRC_BYTES));
        }
        ByteBuffer header = ByteBuffer.wrap(bytes);
        int magic = header.getInt(ChunkLayout.MAGIC_OFFSET);
        if (magic != ChunkLayout.MAGIC) {
            throw corrupt(ChunkLayout.MAGIC_OFFSET, "bad chunk magic=0x" + Integer.toHexString(magic));
        }
        version = bytes[ChunkLayout.VERSION_OFFSET] & 0xFF;
        if (version != ChunkLayout.FORMAT_VERSION && version != ChunkLayout.FORMAT_VERSION_SLICES) {
            throw corrupt(ChunkLayout.VERSION_OFFSET, "unsupported chunk version=" + version
                    + ", supported=" + ChunkLayout.FORMAT_VERSION + ".." + ChunkLayout.FORMAT_VERSION_SLICES);
        }
        int length = header.getInt(ChunkLayout.LENGTH_OFFSET);
        if (length != bytes.length) {
            throw corrupt(ChunkLayout.LENGTH_OFFSET, "chunk length mismatch (truncated or padded), header="
                    + length + ", actual=" + bytes.length);
        }
        int crcAt = bytes.length - ChunkLayout.CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, crcAt);
        int stored = header.getInt(crcAt);
        if ((int) crc.getValue() != stored) {
            throw corrupt(crcAt, "chunk CRC32C mismatch, stored=0x" + Integer.toHexString(stored)
                    + ", computed=0x" + Long.toHexString(crc.getValue()));
        }
        int encryption = bytes[ChunkLayout.ENCRYPTION_OFFSET] & 0xFF;
        if (encryption != ChunkLayout.ENCRYPTION_NONE) {
            throw corrupt(ChunkLayout.ENCRYPTION_OFFSET, "unsupported chunk encryption=" + encryption);
        }
        int columnCount = header.getShort(ChunkLayout.COLUMN_COUNT_OFFSET) & 0xFFFF;
        count = header.getInt(ChunkLayout.COUNT_OFFSET);
        minTime = header.getLong(ChunkLayout.MIN_TIME_OFFSET);
        maxTime = header.getLong(ChunkLayout.MAX_TIME_OFFSET);
        if (count <= 0 || columnCount == 0 || minTime > maxTime) {
            throw corrupt(ChunkLayout.COUNT_OFFSET, "bad chunk header, count=" + count + ", columns="
                    + columnCount + ", minTime=" + minTime + ", maxTime=" + maxTime);
        }
        BitReader in = new BitReader(bytes, ChunkLayout.HEADER_BYTES, crcAt - ChunkLayout.HEADER_BYTES);
        try {
            List<ColumnSpec> specs = new ArrayList<>(columnCount);
            for (int c = 0; c < columnCount; c++) {
                MeasureType type = MeasureType.fromId(in.readByte());
                int nameLength = in.readLength(ChunkLayout.MAX_NAME_BYTES, "column name length");
                int at = in.bytePosition();
                in.skipBytes(nameLength);
                specs.add(new ColumnSpec(new String(bytes, at, nameLength, StandardCharsets.UTF_8), type));
            }
            columns = List.copyOf(specs);
            List<ColumnStats> columnStats = new ArrayList<>(columnCount);
            for (ColumnSpec spec : columns) {
                columnStats.add(ChunkStatsCodec.read(spec.type(), count, in));
            }
            stats = new ChunkStats(count, minTime, maxTime, columnStats);
            int sections = ChunkLayout.sectionCount(columnCount, version);
            sectionOffsets = new int[sections];
            sectionLengths = new int[sections];
            for (int s = 0; s < sections; s++) {
                sectionLengths[s] = in.readLength(crcAt, "section length");
            }
            int at = in.bytePosition();
            for (int s = 0; s < sections; s++) {
                sectionOffsets[s] = at;
                at += sectionLengths[s];
            }
            if (at != crcAt) {
                throw corrupt(in.bytePosition(), "chunk sections end at=" + at + ", expected=" + crcAt);
            }
        } catch (CodecException | IllegalArgumentException e) {
            throw new CorruptionException(null, ChunkLayout.HEADER_BYTES, "cannot read chunk header: " + e.getMessage(), e);
        }
    }

    /**
     * Checks and wraps a complete chunk. The array is not copied: the caller must not modify it
     * afterwards.
     *
     * @throws CorruptionException on bad magic, version, length, CRC or header
     */
    public static SealedChunk wrap(byte[] bytes) {
        return new SealedChunk(bytes);
    }

    /** Checks and wraps a copy of {@code buffer}'s remaining bytes (position is not moved). */
    public static SealedChunk wrap(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return new SealedChunk(copy);
    }

    /**
     * One chunk holding every row of {@code chunks} (one series), columns united by name, re-sorted
     * and deduplicated: the highest version wins a duplicate time, and on equal versions the row
     * from the later chunk in the list.
     */
    public static SealedChunk merge(List<SealedChunk> chunks) {
        if (chunks.isEmpty()) {
            throw new IllegalArgumentException("cannot merge chunks: none given");
        }
        long rows = 0;
        for (SealedChunk chunk : chunks) {
            rows += chunk.count();
        }
        if (rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cannot merge chunks: rows=" + rows + ", max=" + Integer.MAX_VALUE);
        }
        OpenChunk open = new OpenChunk(OpenChunk.union(chunks), (int) rows);
        for (SealedChunk chunk : chunks) {
            open.appendAll(chunk);
        }
        return open.seal();
    }

    /** The complete encoded chunk, not a copy: do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    public int count() {
        return count;
    }

    public long minTime() {
        return minTime;
    }

    public long maxTime() {
        return maxTime;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public ChunkStats stats() {
        return stats;
    }

    /**
     * The chunk's column stats per aligned time slice, read from its bytes on every call (not kept
     * with the chunk); empty for a chunk without them (format version 1: one slice, or too few rows
     * per slice).
     *
     * @throws CorruptionException when the section cannot be read
     */
    public Optional<SliceStats> sliceStats() {
        if (version != ChunkLayout.FORMAT_VERSION_SLICES) {
            return Optional.empty();
        }
        int section = ChunkLayout.sliceSection(columns.size());
        try {
            return Optional.of(SliceStatsCodec.read(reader(section), columns, stats));
        } catch (CodecException | IllegalArgumentException e) {
            throw new CorruptionException(null, sectionOffsets[section], "cannot read chunk slice stats: " + e.getMessage(), e);
        }
    }

    public void decodeTimes(long[] out) {
        decodeLongSection(0, out);
    }

    public void decodeVersions(long[] out) {
        decodeLongSection(1, out);
    }

    public void decodeDoubles(int col, double[] out) {
        checkType(col, out.length, MeasureType.DOUBLE);
        try {
            DoubleBlockCodec.decode(reader(ChunkLayout.valuesSection(col)), out, count);
        } catch (CodecException e) {
            throw corruptSection(ChunkLayout.valuesSection(col), e);
        }
        if (!allPresent(col)) {
            boolean[] has = presence(col);
            for (int i = 0; i < count; i++) {
                if (!has[i]) {
                    out[i] = 0.0;
                }
            }
        }
    }

    /** BIGINT or TIMESTAMP (nanoseconds) values. */
    public void decodeLongs(int col, long[] out) {
        checkColumn(col, out.length);
        if (!columns.get(col).type().isLongValued()) {
            throw new IllegalArgumentException("cannot decode longs: column=" + columns.get(col).name()
                    + " has type=" + columns.get(col).type());
        }
        decodeLongSection(ChunkLayout.valuesSection(col), out);
        if (!allPresent(col)) {
            boolean[] has = presence(col);
            for (int i = 0; i < count; i++) {
                if (!has[i]) {
                    out[i] = 0;
                }
            }
        }
    }

    public void decodeBooleans(int col, boolean[] out) {
        checkType(col, out.length, MeasureType.BOOLEAN);
        try {
            BooleanBlockCodec.decode(reader(ChunkLayout.valuesSection(col)), out, count);
        } catch (CodecException e) {
            throw corruptSection(ChunkLayout.valuesSection(col), e);
        }
        if (!allPresent(col)) {
            boolean[] has = presence(col);
            for (int i = 0; i < count; i++) {
                out[i] &= has[i];
            }
        }
    }

    /** VARCHAR values; rows share the String instances of the chunk's dictionary. */
    public void decodeVarchars(int col, String[] out) {
        checkType(col, out.length, MeasureType.VARCHAR);
        try {
            VarcharDictionaryCodec.decode(reader(ChunkLayout.valuesSection(col)), out, count);
        } catch (CodecException e) {
            throw corruptSection(ChunkLayout.valuesSection(col), e);
        }
    }

    /** True when every row has a value in {@code col}. */
    public boolean allPresent(int col) {
        checkColumn(col, count);
        return sectionLengths[ChunkLayout.presenceSection(col)] == 0;
    }

    /** Writes true into {@code out[row]} for every row that has a value in {@code col}. */
    public void decodePresence(int col, boolean[] out) {
        checkColumn(col, out.length);
        if (allPresent(col)) {
            Arrays.fill(out, 0, count, true);
            return;
        }
        try {
            BooleanBlockCodec.decode(reader(ChunkLayout.presenceSection(col)), out, count);
        } catch (CodecException e) {
            throw corruptSection(ChunkLayout.presenceSection(col), e);
        }
    }

    private boolean[] presence(int col) {
        boolean[] has = new boolean[count];
        decodePresence(col, has);
        return has;
    }

    private void decodeLongSection(int section, long[] out) {
        if (out.length < count) {
            throw new IllegalArgumentException("cannot decode: array too small, length=" + out.length
                    + ", count=" + count);
        }
        try {
            LongBlockCodec.decode(reader(section), out, count);
        } catch (CodecException e) {
            throw corruptSection(section, e);
        }
    }

    private BitReader reader(int section) {
        return new BitReader(bytes, sectionOffsets[section], sectionLengths[section]);
    }

    private void checkType(int col, int arrayLength, MeasureType type) {
        checkColumn(col, arrayLength);
        if (columns.get(col).type() != type) {
            throw new IllegalArgumentException("cannot decode " + type + ": column=" + columns.get(col).name()
                    + " has type=" + columns.get(col).type());
        }
    }

    private void checkColumn(int col, int arrayLength) {
        if (col < 0 || col >= columns.size()) {
            throw new IndexOutOfBoundsException("cannot decode: col=" + col + ", columns=" + columns.size());
        }
        if (arrayLength < count) {
            throw new IllegalArgumentException("cannot decode: array too small, length=" + arrayLength
                    + ", count=" + count);
        }
    }

    private CorruptionException corruptSection(int section, CodecException e) {
        return new CorruptionException(null, sectionOffsets[section], "cannot decode chunk section="
                + section + ": " + e.getMessage(), e);
    }

    private static CorruptionException corrupt(long offset, String what) {
        return new CorruptionException(null, offset, what);
    }
}
