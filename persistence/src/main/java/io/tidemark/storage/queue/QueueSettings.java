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
 */
public record QueueSettings(int magic, RollCycle rollCycle, TimeProvider clock, boolean durable, FileIo fileIo) {

    public QueueSettings {
        Objects.requireNonNull(rollCycle, "rollCycle");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(fileIo, "fileIo");
    }

    /** Daily cycle files, the system clock and the default file access. */
    public static QueueSettings of(int magic, boolean durable) {
        return new QueueSettings(magic, RollCycles.FAST_DAILY, SystemTimeProvider.INSTANCE, durable, FileIo.DEFAULT);
    }

    public QueueSettings withFileIo(FileIo io) {
        return new QueueSettings(magic, rollCycle, clock, durable, io);
    }
}
