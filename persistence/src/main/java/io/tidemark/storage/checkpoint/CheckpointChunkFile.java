package io.tidemark.storage.checkpoint;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A checkpoint chunk file: a header, then sealed chunks back to back, each complete with its own
 * CRC (<a href="../../../../../../../../docs/formats/checkpoint.md">docs/formats/checkpoint.md</a>).
 * Immutable once written; which chunks of it are live, and where they are, is in the manifest.
 */
public final class CheckpointChunkFile {

    /** "TMKC" in ASCII. */
    public static final int MAGIC = 0x544D4B43;
    public static final int FORMAT_VERSION = 1;
    /** Encryption field value for plaintext files; AES-GCM will take a new value. */
    public static final int ENCRYPTION_NONE = 0;
    static final int NONCE_LENGTH = 12;
    /** Bytes of the header, its CRC included: where the first chunk starts. */
    public static final int HEADER_BYTES = 4 + 2 + 2 + 1 + 3 + 4 + NONCE_LENGTH + 8 + 4 + 4;

    private final Path file;
    private final ByteBuffer mapped;

    private CheckpointChunkFile(Path file, ByteBuffer mapped) {
        this.file = file;
        this.mapped = mapped;
    }

    /**
     * Writes {@code chunks} as chunk file {@code fileId} in {@code dir} and makes it durable
     * (temporary file, fsync, atomic rename, directory fsync).
     *
     * @return the size of the file; chunk i starts at {@link #HEADER_BYTES} + the lengths of the chunks before it
     * @throws IOException if any step fails; then neither the file nor its temporary file remains
     */
    public static long write(FileIo io, Path dir, long fileId, List<SealedChunk> chunks) throws IOException {
        Path target = CheckpointLayout.chunkFile(dir, fileId);
        Path temp = CheckpointLayout.temp(target);
        io.createDirectories(dir);
        io.delete(temp);
        long size = HEADER_BYTES;
        boolean renamed = false;
        try {
            try (FileChannel channel = io.create(temp)) {
                io.writeFully(channel, header(fileId, chunks.size()));
                for (SealedChunk chunk : chunks) {
                    io.writeFully(channel, ByteBuffer.wrap(chunk.bytes()));
                    size += chunk.bytes().length;
                }
                io.fsync(channel);
            }
            io.moveAtomically(temp, target);
            renamed = true;
            io.fsyncDirectory(dir);
            return size;
        } catch (IOException | RuntimeException e) {
            try {
                io.delete(renamed ? target : temp);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    static ByteBuffer header(long fileId, int chunkCount) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
        header.putInt(MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0).put((byte) ENCRYPTION_NONE)
                .put(new byte[3]).putInt(0).put(new byte[NONCE_LENGTH]).putLong(fileId).putInt(chunkCount);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, header.position());
        header.putInt((int) crc.getValue());
        return header.flip();
    }

    /**
     * Maps and checks chunk file {@code fileId}: its header, and that its size is the one the
     * manifest recorded.
     *
     * @throws CorruptionException if a check fails
     */
    public static CheckpointChunkFile open(FileIo io, Path dir, long fileId, long expectedSize) throws IOException {
        Path file = CheckpointLayout.chunkFile(dir, fileId);
        long size = io.size(file);
        if (size != expectedSize || size < HEADER_BYTES || size > Integer.MAX_VALUE) {
            throw new CorruptionException(file, 0, "checkpoint chunk file has the wrong size: size=" + size
                    + ", expected=" + expectedSize);
        }
        ByteBuffer mapped = io.mapReadOnly(file).order(ByteOrder.BIG_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(mapped.slice(0, HEADER_BYTES - 4));
        if (mapped.getInt(0) != MAGIC) {
            throw new CorruptionException(file, 0, "not a checkpoint chunk file: magic=0x"
                    + Integer.toHexString(mapped.getInt(0)));
        }
        if ((int) crc.getValue() != mapped.getInt(HEADER_BYTES - 4)) {
            throw new CorruptionException(file, HEADER_BYTES - 4, "checkpoint chunk file header CRC mismatch");
        }
        int version = Short.toUnsignedInt(mapped.getShort(4));
        int encryption = Byte.toUnsignedInt(mapped.get(8));
        long storedId = mapped.getLong(HEADER_BYTES - 16);
        if (version != FORMAT_VERSION || encryption != ENCRYPTION_NONE || storedId != fileId) {
            throw new CorruptionException(file, 4, "unsupported checkpoint chunk file: version=" + version
                    + ", encryption=" + encryption + ", fileId=" + storedId + ", expected fileId=" + fileId);
        }
        return new CheckpointChunkFile(file, mapped);
    }

    /**
     * The chunk at {@code offset} of {@code length} bytes (as the manifest lists it), copied to the heap.
     *
     * @throws CorruptionException if it lies outside the file or fails the chunk's own checks
     */
    public SealedChunk read(long offset, int length) {
        if (offset < HEADER_BYTES || length <= 0 || offset + length > mapped.capacity()) {
            throw new CorruptionException(file, offset, "checkpoint chunk outside its file: offset=" + offset
                    + ", length=" + length + ", size=" + mapped.capacity());
        }
        try {
            return SealedChunk.wrap(mapped.slice((int) offset, length));
        } catch (CorruptionException e) {
            throw new CorruptionException(file, offset, "bad checkpoint chunk: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }
}
