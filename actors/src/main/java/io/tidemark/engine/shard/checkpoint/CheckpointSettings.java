package io.tidemark.engine.shard.checkpoint;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * When a series shard checkpoints its memory store, from {@code tidemark.engine.shard.checkpoint.*}
 * (see the actors module's reference.conf).
 *
 * @param enabled whether shards checkpoint at all (a checkpoint on disk is loaded regardless)
 * @param replicated whether replicated shards (replication factor above 1) checkpoint too, to the
 *     root every node reaches ({@code tidemark.magnetic.root-dir}); only with {@code enabled}
 * @param journalBytes a checkpoint is taken once the journal has grown by this many bytes since the last one, or
 *     by the bytes the last checkpoint encoded and wrote when that is more
 * @param maxInterval and, when the journal holds anything, at least this often
 * @param compactBelow a chunk file whose live chunks are less than this fraction of its bytes is rewritten
 */
public record CheckpointSettings(boolean enabled, boolean replicated, long journalBytes, Duration maxInterval,
                                 double compactBelow) {

    /** The reference.conf defaults. */
    public static final CheckpointSettings DEFAULT = new CheckpointSettings(true, true, 64L << 20, Duration.ofMinutes(5),
            0.5);

    /** Settings under which replicated shards checkpoint whenever shards do. */
    public CheckpointSettings(boolean enabled, long journalBytes, Duration maxInterval, double compactBelow) {
        this(enabled, true, journalBytes, maxInterval, compactBelow);
    }

    public CheckpointSettings {
        Objects.requireNonNull(maxInterval, "max interval");
        if (journalBytes < 1 || maxInterval.isNegative() || maxInterval.isZero() || compactBelow < 0
                || compactBelow > 1) {
            throw new IllegalArgumentException("cannot configure checkpoints: journal-bytes and max-interval must be"
                    + " positive and compact-below in [0, 1], journalBytes=" + journalBytes + ", maxInterval="
                    + maxInterval + ", compactBelow=" + compactBelow);
        }
    }

    /** Whether shards of a table replicated on other nodes checkpoint. */
    public boolean replicatedShardsCheckpoint() {
        return enabled && replicated;
    }

    /** Reads {@code checkpoint} of the shard section ({@code tidemark.engine.shard}). */
    public static CheckpointSettings fromConfig(Config shard) {
        Config c = shard.getConfig("checkpoint");
        return new CheckpointSettings(c.getBoolean("enabled"), c.getBoolean("replicated"), c.getBytes("journal-bytes"),
                c.getDuration("max-interval"), c.getDouble("compact-below"));
    }
}
