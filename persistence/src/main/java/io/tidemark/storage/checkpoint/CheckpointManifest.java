package io.tidemark.storage.checkpoint;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.ColumnSpec;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * One checkpoint of a shard's memory store: the journal sequence number it covers (every entry up
 * to it is in the checkpoint), the store's migration state, the chunk files it uses, and per
 * series its columns and the chunks, by file, offset and length. Recovery loads it and replays the
 * journal entries after {@code coveredSequence}. Byte layout:
 * <a href="../../../../../../../../docs/formats/checkpoint.md">docs/formats/checkpoint.md</a>.
 *
 * @param generation grows by one per checkpoint of the shard; the newest intact manifest is loaded
 * @param files the chunk files the chunks refer to, by position in this list
 */
public record CheckpointManifest(long generation, long coveredSequence, long lastMigrationId,
                                 long pendingMigrationId, long pendingCutoffNanos, long magneticCeilingNanos,
                                 List<FileEntry> files, List<SeriesEntry> series) {

    /** "TMKM" in ASCII. */
    public static final int MAGIC = 0x544D4B4D;
    public static final int FORMAT_VERSION = 1;
    public static final int ENCRYPTION_NONE = 0;
    static final int NONCE_LENGTH = 12;
    /** A manifest larger than this is refused before it is read. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /** A chunk file and its size, which the loader checks. */
    public record FileEntry(long fileId, long size) {
    }

    /** Where one chunk is: {@code file} indexes {@link #files()}. */
    public record ChunkRef(ChunkKind kind, int file, long offset, int length) {
        public ChunkRef {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * One series: its columns in first-seen order (a new open chunk starts with all of them), the
     * rows of its last sealed chunk (the next open chunk's starting capacity), and its chunks:
     * sealed ones in store order, then frozen ones, then at most one open chunk.
     */
    public record SeriesEntry(SeriesKey key, List<ColumnSpec> columns, int lastSealedRows, List<ChunkRef> chunks) {
        public SeriesEntry {
            columns = List.copyOf(columns);
            chunks = List.copyOf(chunks);
        }
    }

    public CheckpointManifest {
        files = List.copyOf(files);
        series = List.copyOf(series);
    }

    /** The encoded manifest, CRC included. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + series.size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(FORMAT_VERSION);
            out.writeShort(0);
            out.writeByte(ENCRYPTION_NONE);
            out.write(new byte[3]);
            out.writeInt(0);
            out.write(new byte[NONCE_LENGTH]);
            out.writeLong(generation);
            out.writeLong(coveredSequence);
            out.writeLong(lastMigrationId);
            out.writeLong(pendingMigrationId);
            out.writeLong(pendingCutoffNanos);
            out.writeLong(magneticCeilingNanos);
            out.writeInt(files.size());
            for (FileEntry file : files) {
                out.writeLong(file.fileId());
                out.writeLong(file.size());
            }
            out.writeInt(series.size());
            for (SeriesEntry entry : series) {
                byte[] key = entry.key().canonicalBytes();
                out.writeInt(key.length);
                out.write(key);
                out.writeShort(entry.columns().size());
                for (ColumnSpec column : entry.columns()) {
                    byte[] name = column.name().getBytes(StandardCharsets.UTF_8);
                    out.writeShort(name.length);
                    out.write(name);
                    out.writeByte(column.type().id());
                }
                out.writeInt(entry.lastSealedRows());
                out.writeInt(entry.chunks().size());
                for (ChunkRef chunk : entry.chunks()) {
                    out.writeByte(chunk.kind().id());
                    out.writeInt(chunk.file());
                    out.writeLong(chunk.offset());
                    out.writeInt(chunk.length());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode checkpoint manifest", e);
        }
        byte[] body = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
    }

    /**
     * Reads a manifest written by {@link #encode}.
     *
     * @param file the file it came from, for error messages
     * @throws CorruptionException if the CRC, magic, version or any field is wrong
     */
    public static CheckpointManifest decode(byte[] bytes, Path file) {
        if (bytes.length < 8) {
            throw new CorruptionException(file, 0, "checkpoint manifest too short: length=" + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt(0) != MAGIC) {
            throw new CorruptionException(file, 0, "not a checkpoint manifest: magic=0x" + Integer.toHexString(in.getInt(0)));
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
            throw new CorruptionException(file, bytes.length - 4, "checkpoint manifest CRC mismatch (torn or damaged)");
        }
        in.limit(bytes.length - 4).position(4);
        try {
            int version = Short.toUnsignedInt(in.getShort());
            in.getShort(); // flags
            int encryption = Byte.toUnsignedInt(in.get());
            if (version != FORMAT_VERSION || encryption != ENCRYPTION_NONE) {
                throw new CorruptionException(file, 4, "unsupported checkpoint manifest: version=" + version
                        + ", encryption=" + encryption);
            }
            in.position(in.position() + 3 + 4 + NONCE_LENGTH);
            long generation = in.getLong();
            long covered = in.getLong();
            long lastMigration = in.getLong();
            long pendingMigration = in.getLong();
            long pendingCutoff = in.getLong();
            long ceiling = in.getLong();
            int fileCount = count(in, 16, file, "file count");
            List<FileEntry> files = new ArrayList<>(fileCount);
            for (int f = 0; f < fileCount; f++) {
                files.add(new FileEntry(in.getLong(), in.getLong()));
            }
            int seriesCount = count(in, 14, file, "series count");
            List<SeriesEntry> series = new ArrayList<>(seriesCount);
            for (int s = 0; s < seriesCount; s++) {
                series.add(readSeries(in, file, fileCount));
            }
            if (in.hasRemaining()) {
                throw new CorruptionException(file, in.position(), "checkpoint manifest has trailing bytes: count="
                        + in.remaining());
            }
            return new CheckpointManifest(generation, covered, lastMigration, pendingMigration, pendingCutoff, ceiling,
                    files, series);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptionException(file, in.position(), "checkpoint manifest cannot be read: " + e, e);
        }
    }

    private static SeriesEntry readSeries(ByteBuffer in, Path file, int fileCount) {
        int keyLength = count(in, 1, file, "series key length");
        SeriesKey key = decodeKey(in.slice(in.position(), keyLength));
        in.position(in.position() + keyLength);
        int columnCount = Short.toUnsignedInt(in.getShort());
        List<ColumnSpec> columns = new ArrayList<>(columnCount);
        for (int c = 0; c < columnCount; c++) {
            String name = string(in, Short.toUnsignedInt(in.getShort()));
            int typeId = Byte.toUnsignedInt(in.get());
            MeasureType type = MeasureType.fromId(typeId);
            if (type == null) {
                throw new CorruptionException(file, in.position() - 1, "unknown column type in checkpoint manifest:"
                        + " id=" + typeId);
            }
            columns.add(new ColumnSpec(name, type));
        }
        int lastSealedRows = in.getInt();
        int chunkCount = count(in, 17, file, "chunk count");
        List<ChunkRef> chunks = new ArrayList<>(chunkCount);
        for (int c = 0; c < chunkCount; c++) {
            int kindId = Byte.toUnsignedInt(in.get());
            ChunkKind kind = ChunkKind.fromId(kindId);
            int fileIndex = in.getInt();
            if (kind == null || fileIndex < 0 || fileIndex >= fileCount) {
                throw new CorruptionException(file, in.position() - 5, "bad chunk reference in checkpoint manifest:"
                        + " kind=" + kindId + ", file=" + fileIndex + ", files=" + fileCount);
            }
            chunks.add(new ChunkRef(kind, fileIndex, in.getLong(), in.getInt()));
        }
        return new SeriesEntry(key, columns, lastSealedRows, chunks);
    }

    /** A count read as u32 that must fit in the bytes left, {@code minBytes} per element. */
    private static int count(ByteBuffer in, int minBytes, Path file, String what) {
        int count = in.getInt();
        if (count < 0 || (long) count * minBytes > in.remaining()) {
            throw new CorruptionException(file, in.position() - 4, "checkpoint manifest " + what + " out of range: "
                    + Integer.toUnsignedString(count) + ", bytes left=" + in.remaining());
        }
        return count;
    }

    /** The inverse of {@link SeriesKey#canonicalBytes()}. */
    static SeriesKey decodeKey(ByteBuffer in) {
        int dimensions = in.getInt();
        if (dimensions < 0 || dimensions > in.remaining() / 8) {
            throw new IllegalArgumentException("series key dimension count out of range: " + dimensions);
        }
        List<Dimension> dims = new ArrayList<>(dimensions);
        for (int d = 0; d < dimensions; d++) {
            String name = string(in, in.getInt());
            dims.add(new Dimension(name, string(in, in.getInt())));
        }
        String measure = string(in, in.getInt());
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("series key has trailing bytes: count=" + in.remaining());
        }
        return SeriesKey.of(dims, measure);
    }

    private static String string(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string length out of range: " + length);
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    /**
     * Writes this manifest as {@code manifest-<generation>.tmm} in {@code dir} and makes it durable
     * (temporary file, fsync, atomic rename, directory fsync).
     *
     * @throws IOException if any step fails; then the manifest is not there under its final name
     */
    public Path write(FileIo io, Path dir) throws IOException {
        Path target = CheckpointLayout.manifestFile(dir, generation);
        Path temp = CheckpointLayout.temp(target);
        io.createDirectories(dir);
        io.delete(temp);
        try {
            try (FileChannel channel = io.create(temp)) {
                io.writeFully(channel, ByteBuffer.wrap(encode()));
                io.fsync(channel);
            }
            io.moveAtomically(temp, target);
        } catch (IOException | RuntimeException e) {
            try {
                io.delete(temp);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        io.fsyncDirectory(dir);
        return target;
    }

    /** Reads and checks manifest file {@code file}. */
    public static CheckpointManifest read(FileIo io, Path file) throws IOException {
        long size = io.size(file);
        if (size > MAX_BYTES) {
            throw new CorruptionException(file, 0, "checkpoint manifest too large: size=" + size);
        }
        CheckpointManifest manifest = decode(io.readAllBytes(file), file);
        long named = CheckpointLayout.number(file, CheckpointLayout.MANIFEST_PREFIX, CheckpointLayout.MANIFEST_SUFFIX);
        if (named != manifest.generation()) {
            throw new CorruptionException(file, 0, "checkpoint manifest generation differs from its name: generation="
                    + manifest.generation());
        }
        return manifest;
    }
}
