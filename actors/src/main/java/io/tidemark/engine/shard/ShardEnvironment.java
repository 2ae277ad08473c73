package io.tidemark.engine.shard;

import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.fileio.FileIo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What every series shard of a node shares: where data lives, the engine clock (also the journal's
 * roll-cycle clock), the magnetic store for duplicate checks, the meters and the settings.
 */
record ShardEnvironment(Path dataDir, Clock clock, MagneticReader magnetic, EngineMeters meters,
                        ShardSettings settings, FileIo fileIo) {

    ShardEnvironment {
        Objects.requireNonNull(dataDir, "data dir");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(magnetic, "magnetic reader");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(fileIo, "file io");
    }
}
