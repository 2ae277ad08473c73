package io.tidemark.storage.journal;

import io.tidemark.storage.fileio.FileIo;
import java.util.Objects;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How a {@link ShardJournal} is opened.
 *
 * @param rollCycle how often Chronicle Queue starts a new cycle file; daily by default, the unit
 *     in which {@link ShardJournal#releaseBefore} frees disk space
 * @param fsync when appends are forced to the device
 * @param clock the time that decides the current cycle; tests move it to roll files without waiting
 * @param fileIo the facade for the journal's own file operations (listing, deleting cycle files);
 *     Chronicle Queue maps the cycle files itself
 */
public record JournalOptions(RollCycle rollCycle, FsyncPolicy fsync, TimeProvider clock, FileIo fileIo) {

    public JournalOptions {
        Objects.requireNonNull(rollCycle, "roll cycle");
        Objects.requireNonNull(fsync, "fsync policy");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(fileIo, "file io");
    }

    /** Daily cycles, fsync per batch, the system clock and the real file system. */
    public static JournalOptions defaults() {
        return new JournalOptions(RollCycles.FAST_DAILY, FsyncPolicy.perBatch(), SystemTimeProvider.INSTANCE,
                FileIo.DEFAULT);
    }

    public JournalOptions withRollCycle(RollCycle cycle) {
        return new JournalOptions(cycle, fsync, clock, fileIo);
    }

    public JournalOptions withFsync(FsyncPolicy policy) {
        return new JournalOptions(rollCycle, policy, clock, fileIo);
    }

    public JournalOptions withClock(TimeProvider timeProvider) {
        return new JournalOptions(rollCycle, fsync, timeProvider, fileIo);
    }

    public JournalOptions withFileIo(FileIo io) {
        return new JournalOptions(rollCycle, fsync, clock, io);
    }
}
