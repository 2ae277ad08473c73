package io.tidemark.storage.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * When the journal forces appended entries to the storage device. An acknowledged append is in
 * the kernel page cache and survives a process crash ({@code kill -9}) under every policy; the
 * policy decides what survives a power loss or kernel crash.
 *
 * <p>Forcing uses Chronicle Queue's {@code SyncMode.SYNC} with {@code ExcerptAppender.sync()},
 * which runs {@code msync(MS_SYNC)} over the mapped pages of the current cycle file up to the
 * write position.
 *
 * @param mode what triggers a sync
 * @param interval for {@link Mode#INTERVAL}, the longest time an appended entry waits before a
 *     sync; zero for the other modes
 */
public record FsyncPolicy(Mode mode, Duration interval) {

    public enum Mode {
        /** Sync before {@code append} returns: an acknowledged batch survives power loss. */
        PER_BATCH,
        /**
         * Sync during an append once {@code interval} has passed since the last sync, and on
         * {@code sync()}/{@code close()}. The owner also calls {@code sync()} from a timer every
         * interval, so that a journal that goes idle is synced too; then a power loss loses at
         * most about one interval of acknowledged batches.
         */
        INTERVAL,
        /** Never sync; the operating system writes pages back on its own schedule. */
        OS
    }

    public FsyncPolicy {
        Objects.requireNonNull(mode, "fsync mode");
        Objects.requireNonNull(interval, "fsync interval");
        if (mode == Mode.INTERVAL ? interval.isZero() || interval.isNegative() : !interval.isZero()) {
            throw new IllegalArgumentException("cannot configure fsync: interval must be positive for INTERVAL and"
                    + " zero otherwise, mode=" + mode + ", interval=" + interval);
        }
    }

    public static FsyncPolicy perBatch() {
        return new FsyncPolicy(Mode.PER_BATCH, Duration.ZERO);
    }

    public static FsyncPolicy interval(Duration interval) {
        return new FsyncPolicy(Mode.INTERVAL, interval);
    }

    public static FsyncPolicy os() {
        return new FsyncPolicy(Mode.OS, Duration.ZERO);
    }
}
