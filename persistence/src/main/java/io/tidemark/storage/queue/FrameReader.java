package io.tidemark.storage.queue;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads excerpts of a framed queue into one reused buffer and remembers where each came from, so
 * reading allocates nothing per entry once the buffer has grown. What a visitor of
 * {@link FramedQueue} is handed: valid only until the visit returns.
 */
public final class FrameReader {

    private static final int INITIAL_BUFFER = 4096;
    private static final int MAX_FRAME_BYTES = EntryFrame.HEADER_BYTES + EntryFrame.MAX_BODY_BYTES;

    private final int magic;
    private byte[] frame = new byte[INITIAL_BUFFER];
    private int length;
    private long index;
    private Path file;
    private long fileOffset;
    private boolean oversized;

    FrameReader(int magic) {
        this.magic = magic;
    }

    /** Reads the tailer's next excerpt; false at the end of the queue. */
    boolean next(ExcerptTailer tailer) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            Bytes<?> bytes = dc.wire().bytes();
            index = dc.index();
            fileOffset = bytes.readPosition();
            File current = tailer.currentFile();
            file = current == null ? null : current.toPath();
            long available = bytes.readRemaining();
            oversized = available > MAX_FRAME_BYTES;
            length = oversized ? 0 : (int) available;
            if (frame.length < length) {
                frame = new byte[Math.max(length, frame.length * 2)];
            }
            bytes.read(frame, 0, length);
            return true;
        }
    }

    /** What is wrong with the frame just read, or null when it is sound. */
    String damage() {
        return oversized ? "excerpt larger than the entry size limit, maxFrameBytes=" + MAX_FRAME_BYTES
                : EntryFrame.findDamage(magic, frame, length);
    }

    /** Queue index of the entry. */
    public long index() {
        return index;
    }

    /** Entry type id, from the header. */
    public int type() {
        return EntryFrame.type(frame);
    }

    /** The whole frame; the body starts at {@link #bodyOffset()}. Overwritten by the next read. */
    public byte[] buffer() {
        return frame;
    }

    public int bodyOffset() {
        return EntryFrame.HEADER_BYTES;
    }

    public int bodyLength() {
        return length - EntryFrame.HEADER_BYTES;
    }

    /** A copy of the body, for entries kept or decoded after the visit. */
    public byte[] copyBody() {
        return Arrays.copyOfRange(frame, EntryFrame.HEADER_BYTES, length);
    }

    /** The cycle file the entry is in (null if Chronicle does not say). */
    public Path file() {
        return file;
    }

    /** Byte position of the frame in {@link #file()}. */
    public long fileOffset() {
        return fileOffset;
    }
}
