package io.tidemark.storage.queue;

import io.tidemark.storage.fileio.FileIo;
import java.util.Objects;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How a {@link FramedQueue} is opened.
 *
 * @param magic     the first four bytes of every frame, one value per kind of queue
 * @param rollCycle when Chronicle starts a new cycle file (names the files, see docs/formats)
 * @param clock     the time Chronicle rolls cycles by; a test clock in tests
 * @param durable   whether {@link FramedQueue#sync()} forces appended entries to the device; when
 *                  false it does nothing and write-back is left to the kernel
 * @param fileIo    file access for the directory and its lock
 * @param formatVersion the frame format version this queue writes and the only one it reads
 *                  ({@link EntryFrame#FORMAT_VERSION} unless the queue's owner versions its bodies
 *                  separately, as the shard journal does)
 */
public record QueueSettings(int magic, RollCycle rollCycle, TimeProvider clock, boolean durable, FileIo fileIo,
                            int formatVersion) {

    public QueueSettings {
        Objects.requireNonNull(rollCycle, "rollCycle");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(fileIo, "fileIo");
        if (formatVersion < 1 || formatVersion > 255) {
            throw new IllegalArgumentException("cannot open queue: format version must be 1..255, formatVersion="
                    + formatVersion);
        }
    }

    /** Settings for frames of {@link EntryFrame#FORMAT_VERSION}. */
    public QueueSettings(int magic, RollCycle rollCycle, TimeProvider clock, boolean durable, FileIo fileIo) {
        this(magic, rollCycle, clock, durable, fileIo, EntryFrame.FORMAT_VERSION);
    }

    /** Daily cycle files, the system clock and the default file access. */
    public static QueueSettings of(int magic, boolean durable) {
        return new QueueSettings(magic, RollCycles.FAST_DAILY, SystemTimeProvider.INSTANCE, durable, FileIo.DEFAULT);
    }

    public QueueSettings withFileIo(FileIo io) {
        return new QueueSettings(magic, rollCycle, clock, durable, io, formatVersion);
    }
}
