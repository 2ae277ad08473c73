package io.tidemark.engine.shard;

import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.fragment.FragmentHosting;
import io.tidemark.engine.shard.replica.ShardReplication;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.JournalOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What every series shard of a node shares: where data lives, the engine clock (also the journal's
 * roll-cycle clock), the magnetic store for duplicate checks, the meters, the settings, how
 * shards replicate their journals, who runs the query fragments sent to them, and where the
 * running shards list their series for queries ({@link LocalShardSeries}).
 */
record ShardEnvironment(Path dataDir, Clock clock, MagneticReader magnetic, EngineMeters meters,
                        ShardSettings settings, FileIo fileIo, ShardReplication replication,
                        FragmentHosting fragments, LocalShardSeries localSeries) {

    /** An environment whose shards keep one copy of their journal. */
    ShardEnvironment(Path dataDir, Clock clock, MagneticReader magnetic, EngineMeters meters, ShardSettings settings,
                     FileIo fileIo) {
        this(dataDir, clock, magnetic, meters, settings, fileIo, ShardReplication.NONE);
    }

    /** An environment whose shards decline query fragments until a host is set. */
    ShardEnvironment(Path dataDir, Clock clock, MagneticReader magnetic, EngineMeters meters, ShardSettings settings,
                     FileIo fileIo, ShardReplication replication) {
        this(dataDir, clock, magnetic, meters, settings, fileIo, replication, new FragmentHosting(),
                new LocalShardSeries());
    }

    ShardEnvironment {
        Objects.requireNonNull(dataDir, "data dir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(magnetic, "magnetic reader");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(fileIo, "file io");
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(fragments, "fragments");
        Objects.requireNonNull(localSeries, "local series");
    }

    /** How shard journals (and the copies of other nodes' shards) are opened. */
    JournalOptions journalOptions() {
        return new JournalOptions(settings.rollCycle(), settings.fsync(), clock::millis, fileIo);
    }
}
