package io.tidemark.engine.shard;

import com.typesafe.config.Config;
import io.tidemark.engine.shard.checkpoint.CheckpointSettings;
import io.tidemark.storage.journal.FsyncPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * The series shards' settings, from {@code tidemark.engine.shard.*} and
 * {@code tidemark.engine.ask-timeout} (see the actors module's reference.conf for each key's
 * meaning and default).
 *
 * @param fsync when a shard's journal forces appends to the device
 * @param rollCycle how often a journal starts a new cycle file, the unit of journal release
 * @param sealPoints an open chunk is sealed once it holds this many points
 * @param sealSpan an open chunk is sealed before a point would make it span more than this
 * @param maxPendingWrites write batches a shard queues before refusing more with THROTTLING
 * @param askTimeout how long the service waits for a shard's answer
 * @param checkpoint when a shard checkpoints its memory store
 */
public record ShardSettings(FsyncPolicy fsync, RollCycle rollCycle, int sealPoints, Duration sealSpan,
                            int maxPendingWrites, Duration askTimeout, CheckpointSettings checkpoint) {

    /** Settings with the default checkpoints. */
    public ShardSettings(FsyncPolicy fsync, RollCycle rollCycle, int sealPoints, Duration sealSpan,
                         int maxPendingWrites, Duration askTimeout) {
        this(fsync, rollCycle, sealPoints, sealSpan, maxPendingWrites, askTimeout, CheckpointSettings.DEFAULT);
    }

    public ShardSettings {
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(rollCycle, "roll cycle");
        Objects.requireNonNull(sealSpan, "seal span");
        Objects.requireNonNull(askTimeout, "ask timeout");
        if (sealPoints < 1 || sealSpan.isNegative() || sealSpan.isZero() || maxPendingWrites < 1) {
            throw new IllegalArgumentException("cannot configure shards: seal-points, seal-span and max-pending-writes"
                    + " must be positive, sealPoints=" + sealPoints + ", sealSpan=" + sealSpan + ", maxPendingWrites="
                    + maxPendingWrites);
        }
    }

    /** Reads the settings from an actor system's config (the root, holding {@code tidemark.engine}). */
    public static ShardSettings fromConfig(Config root) {
        Config engine = root.getConfig("tidemark.engine");
        Config shard = engine.getConfig("shard");
        return new ShardSettings(fsync(shard), rollCycle(shard.getString("roll-cycle")), shard.getInt("seal-points"),
                shard.getDuration("seal-span"), shard.getInt("max-pending-writes"), engine.getDuration("ask-timeout"),
                CheckpointSettings.fromConfig(shard));
    }

    private static FsyncPolicy fsync(Config shard) {
        String mode = shard.getString("fsync");
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "per-batch":
                return FsyncPolicy.perBatch();
            case "interval":
                return FsyncPolicy.interval(shard.getDuration("fsync-interval"));
            case "os":
                return FsyncPolicy.os();
            default:
                throw new IllegalArgumentException("cannot configure shards: tidemark.engine.shard.fsync must be"
                        + " per-batch, interval or os, fsync=" + mode);
        }
    }

    private static RollCycle rollCycle(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "daily":
                return RollCycles.FAST_DAILY;
            case "hourly":
                return RollCycles.FAST_HOURLY;
            default:
                throw new IllegalArgumentException("cannot configure shards: tidemark.engine.shard.roll-cycle must be"
                        + " daily or hourly, roll-cycle=" + name);
        }
    }
}
