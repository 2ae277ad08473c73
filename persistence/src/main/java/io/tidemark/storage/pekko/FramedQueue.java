package io.tidemark.storage.pekko;

import io.tidemark.storage.CorruptionException;
import io.tidemark.storage.fileio.FileIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Chronicle Queue whose excerpts are framed entries: magic, format version, encryption byte,
 * entry type, key id, body length and a CRC32C. Specified in
 * <a href="../../../../../../../../docs/formats/pekko-journal.md">docs/formats/pekko-journal.md</a>;
 * the snapshot store uses the same frame with its own magic
 * (<a href="../../../../../../../../docs/formats/pekko-snapshot.md">docs/formats/pekko-snapshot.md</a>).
 *
 * <p>A damaged frame (bad magic, length or CRC) is never handed out as data. If it is the last
 * excerpt of the queue (a torn or damaged tail) it is logged, skipped, and a {@link #DISCARDED_ENTRY}
 * marker naming it is appended so that later appends do not turn it into an unexplained hole. A
 * damaged frame followed by good data and not named by such a marker means acknowledged entries
 * were lost in the middle of the queue: opening fails with a {@link CorruptionException} rather
 * than replaying a history with a gap. A sound frame of another version, or encrypted, is refused
 * the same way: it is data this code cannot read, not damage to drop.
 *
 * <p>Thread-safe: appends, reads and the start-up scan are serialised by one lock.
 */
final class FramedQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FramedQueue.class);

    /** Current frame format version; readers reject any other value. */
    static final int FORMAT_VERSION = 1;
    /** Encryption byte value meaning "body stored in clear". Other values are reserved for AES-GCM. */
    static final int ENCRYPTION_NONE = 0;
    /** Bytes before the body: magic, version, encryption, type, reserved, key id, length, crc. */
    static final int HEADER_BYTES = 20;
    /**
     * Largest body accepted. Chronicle bounds an excerpt by a fraction of its block size (64 MiB
     * by default); 8 MiB stays well clear of that and bounds what one read holds in memory.
     */
    static final int MAX_BODY_BYTES = 8 << 20;
    /** Entry type shared by every framed queue: body is the u64 queue index of a discarded frame. */
    static final int DISCARDED_ENTRY = 0;

    private final Path dir;
    private final int magic;
    private final boolean fsyncEachAppend;
    private final DirectoryLock directoryLock;
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    /** Random-access reader for {@link #read}; creating a tailer per read costs more than the read. */
    private final ExcerptTailer reader;
    private final ReentrantLock lock = new ReentrantLock();

    /** One decoded frame: where it is in the queue, its entry type and its body. */
    record Frame(long index, int type, byte[] body) {}

    /** Receives the good frames of a scan in queue order. */
    interface FrameVisitor {
        void visit(Frame frame);
    }

    FramedQueue(Path dir, int magic, boolean fsyncEachAppend, FileIo fileIo) {
        this.dir = dir;
        this.magic = magic;
        this.fsyncEachAppend = fsyncEachAppend;
        try {
            fileIo.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create queue directory: dir=" + dir, e);
        }
        this.directoryLock = DirectoryLock.acquire(dir, fileIo);
        try {
            // The roll cycle is fixed here rather than left to Chronicle's default, because
            // docs/formats names the files. Chronicle's sync() is a no-op unless the queue has a
            // sync mode: SYNC makes it an msync(MS_SYNC) of the pages just written.
            this.queue = ChronicleQueue.singleBuilder(dir)
                    .rollCycle(RollCycles.FAST_DAILY)
                    .syncMode(fsyncEachAppend ? SyncMode.SYNC : SyncMode.NONE)
                    .build();
        } catch (RuntimeException e) {
            directoryLock.close();
            throw e;
        }
        this.appender = queue.createAppender();
        // Every use of the appender is under the lock, but from whichever thread holds it.
        this.appender.singleThreadedCheckDisabled(true);
        this.reader = queue.createTailer();
        this.reader.singleThreadedCheckDisabled(true);
    }

    /**
     * Opens the queue in {@code dir} and {@linkplain #scan scans} it into {@code visitor}, which
     * rebuilds its owner's in-memory index; the queue is closed again if the scan fails.
     */
    static FramedQueue openAndScan(Path dir, int magic, boolean fsyncEachAppend, FileIo fileIo, FrameVisitor visitor) {
        FramedQueue queue = new FramedQueue(dir, magic, fsyncEachAppend, fileIo);
        try {
            queue.scan(visitor);
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        return queue;
    }

    Path dir() {
        return dir;
    }

    /** Appends one frame and returns its queue index. */
    long append(int type, byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new RejectedEntryException("cannot append entry: dir=" + dir + ", type=" + type
                    + ", bodyBytes=" + body.length + ", maxBodyBytes=" + MAX_BODY_BYTES);
        }
        byte[] frame = encode(magic, type, body);
        lock.lock();
        try {
            try (DocumentContext dc = appender.writingDocument()) {
                dc.wire().bytes().write(frame);
            }
            if (fsyncEachAppend) {
                appender.sync();
            }
            return appender.lastIndexAppended();
        } finally {
            lock.unlock();
        }
    }

    /** Reads the frame at {@code index}, which a scan reported as good. */
    Frame read(long index) {
        lock.lock();
        try {
            if (!reader.moveToIndex(index)) {
                throw new CorruptionException(dir, index, "indexed entry missing from queue: queueIndex=" + Long.toHexString(index));
            }
            try (DocumentContext dc = reader.readingDocument()) {
                if (!dc.isPresent()) {
                    throw new CorruptionException(dir, index, "indexed entry missing from queue: queueIndex=" + Long.toHexString(index));
                }
                Bytes<?> bytes = dc.wire().bytes();
                Path file = reader.currentFile().toPath();
                long position = bytes.readPosition();
                Frame frame = decode(magic, index, toArray(bytes), file, position);
                if (frame == null) {
                    throw new CorruptionException(file, position,
                            "indexed entry no longer passes its checks: queueIndex=" + Long.toHexString(index));
                }
                return frame;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Visits every good frame except discard markers, in queue order, and deals with damaged ones
     * as the class comment describes. Call once, on start, before any append.
     */
    void scan(FrameVisitor visitor) {
        lock.lock();
        try {
            List<DamagedEntry> damaged = new ArrayList<>();
            Set<Long> discarded = new HashSet<>();
            long lastGood = -1;
            try (ExcerptTailer tailer = queue.createTailer()) {
                while (true) {
                    try (DocumentContext dc = tailer.readingDocument()) {
                        if (!dc.isPresent()) {
                            break;
                        }
                        long index = dc.index();
                        Bytes<?> bytes = dc.wire().bytes();
                        Path file = tailer.currentFile().toPath();
                        long position = bytes.readPosition();
                        Frame frame = decode(magic, index, toArray(bytes), file, position);
                        if (frame == null) {
                            damaged.add(new DamagedEntry(index, file, position));
                        } else if (frame.type() == DISCARDED_ENTRY) {
                            lastGood = index;
                            discarded.add(readDiscardedIndex(frame));
                        } else {
                            lastGood = index;
                            visitor.visit(frame);
                        }
                    }
                }
            }
            damaged.removeIf(d -> discarded.contains(d.index()));
            for (DamagedEntry d : damaged) {
                if (d.index() < lastGood) {
                    throw new CorruptionException(d.file(), d.position(), "damaged entry followed by good entries,"
                            + " acknowledged data lost mid-queue: queueIndex=" + Long.toHexString(d.index()));
                }
            }
            for (DamagedEntry d : damaged) {
                LOG.warn("discarding damaged tail entry: dir={}, queueIndex={}, file={}, position={}; it is not replayed",
                        dir, Long.toHexString(d.index()), d.file(), d.position());
                append(DISCARDED_ENTRY, ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(d.index()).array());
            }
        } finally {
            lock.unlock();
        }
    }

    /** A frame that failed its checks: its queue index, cycle file and byte position in that file. */
    private record DamagedEntry(long index, Path file, long position) {}

    private long readDiscardedIndex(Frame frame) {
        if (frame.body().length != Long.BYTES) {
            throw new CorruptionException(dir, frame.index(), "discard marker body is not 8 bytes");
        }
        return ByteBuffer.wrap(frame.body()).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] toArray(Bytes<?> bytes) {
        byte[] out = new byte[(int) bytes.readRemaining()];
        bytes.read(out);
        return out;
    }

    /** Builds a whole frame: header, then body. */
    static byte[] encode(int magic, int type, byte[] body) {
        byte[] frame = new byte[HEADER_BYTES + body.length];
        ByteBuffer header = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(magic)
                .put((byte) FORMAT_VERSION)
                .put((byte) ENCRYPTION_NONE)
                .put((byte) type)
                .put((byte) 0) // reserved
                .putInt(0) // key id: 0 = none
                .putInt(body.length);
        System.arraycopy(body, 0, frame, HEADER_BYTES, body.length);
        header.putInt(16, crc(frame));
        return frame;
    }

    /**
     * Decodes a frame, or returns null if it is damaged (too short, wrong magic, wrong length or
     * CRC). A sound frame of another format version or encryption is not damage but data this
     * code cannot read: that throws, so a newer queue is refused rather than discarded.
     */
    static Frame decode(int magic, long index, byte[] frame, Path file, long position) {
        if (frame.length < HEADER_BYTES) {
            return null;
        }
        ByteBuffer header = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        if (header.getInt(0) != magic
                || header.getInt(12) != frame.length - HEADER_BYTES
                || header.getInt(16) != crc(frame)) {
            return null;
        }
        if (frame[4] != FORMAT_VERSION || frame[5] != ENCRYPTION_NONE) {
            throw new CorruptionException(file, position, "unsupported entry: formatVersion=" + frame[4]
                    + ", encryption=" + frame[5] + ", supported formatVersion=" + FORMAT_VERSION
                    + " without encryption, queueIndex=" + Long.toHexString(index));
        }
        return new Frame(index, frame[6] & 0xFF, Arrays.copyOfRange(frame, HEADER_BYTES, frame.length));
    }

    /** CRC32C of the header bytes 0..15 and the body: everything but the crc field itself. */
    private static int crc(byte[] frame) {
        CRC32C crc = new CRC32C();
        crc.update(frame, 0, 16);
        crc.update(frame, HEADER_BYTES, frame.length - HEADER_BYTES);
        return (int) crc.getValue();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            reader.close();
            appender.close();
            queue.close();
            directoryLock.close();
        } finally {
            lock.unlock();
        }
    }
}
