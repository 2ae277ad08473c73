package io.tidemark.engine.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.EngineException;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.chunk.SealedChunk;
import io.tidemark.storage.fileio.FileIo;
import io.tidemark.storage.journal.WriteBatch;
import io.tidemark.storage.journal.WriteBatchBuilder;
import io.tidemark.storage.model.Dimension;
import io.tidemark.storage.model.MeasureType;
import io.tidemark.storage.model.SeriesKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Differential: random writes (upserts, same-version repeats, new columns, back-fill), seals,
 * migration freezes and commits, checkpoints and restarts (with and without a checkpoint on the
 * way down) against a store that never restarts. After every restart and at the end, the
 * recovered store answers exactly as the reference does: rows, frozen rows, migration state; and
 * every write is accepted or refused the same way.
 */
class CheckpointRecoveryPropertyTest {

    private static final String[] HOSTS = {"a", "b", "c", "d", "e"};

    /** Committed frozen chunks: what the magnetic store would hold, shared by both stores. */
    private static final class Magnetic implements MagneticReader {
        final Map<SeriesKey, List<SealedChunk>> chunks = new HashMap<>();

        @Override
        public List<SealedChunk> read(String tableId, SeriesKey series, long fromNanos, long toNanos) {
            List<SealedChunk> out = new ArrayList<>();
            for (SealedChunk chunk : chunks.getOrDefault(series, List.of())) {
                if (chunk.minTime() <= toNanos && chunk.maxTime() >= fromNanos) {
                    out.add(chunk);
                }
            }
            return out;
        }
    }

    @Property(tries = 15)
    void recoveredStoreAnswersAsTheNeverRestartedOne(@ForAll long seed, @ForAll @IntRange(min = 40, max = 160) int ops)
            throws IOException {
        Path dataDir = Files.createTempDirectory("checkpoint-property");
        try {
            run(new Random(seed), ops, dataDir);
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void run(Random random, int ops, Path dataDir) throws IOException {
        Magnetic magnetic = new Magnetic();
        CheckpointedShard reference = CheckpointedShard.reference(magnetic);
        CheckpointedShard shard = CheckpointedShard.open(dataDir, FileIo.DEFAULT, magnetic);
        long lastMigration = 0;
        long second = 0;
        List<String> history = new ArrayList<>();
        try {
            for (int op = 0; op < ops; op++) {
                int dice = random.nextInt(100);
                if (dice < 70) {
                    second += random.nextInt(25);
                    WriteBatch batch = batch(random, second);
                    history.add("write@" + second);
                    assertThat(result(shard, batch)).as("%s", history).isEqualTo(result(reference, batch));
                } else if (dice < 76) {
                    long cutoff = TestRows.T0 + (second - random.nextInt(200)) * TestRows.SECOND;
                    lastMigration++;
                    history.add("freeze " + lastMigration + "@" + cutoff);
                    shard.freeze(lastMigration, cutoff);
                    reference.freeze(lastMigration, cutoff);
                } else if (dice < 81) {
                    long pending = reference.store.pendingMigrationId();
                    if (pending != MemoryStore.NO_MIGRATION) {
                        history.add("commit " + pending);
                        for (SeriesChunks series : reference.store.frozen().series()) {
                            magnetic.chunks.computeIfAbsent(series.series(), k -> new ArrayList<>())
                                    .addAll(series.chunks());
                        }
                        shard.commit(pending);
                        reference.commit(pending);
                    }
                } else if (dice < 90) {
                    history.add("checkpoint");
                    shard.checkpoint();
                } else {
                    boolean graceful = random.nextBoolean();
                    history.add(graceful ? "stop" : "crash");
                    if (graceful) {
                        shard.checkpoint();
                    }
                    shard.close();
                    shard = CheckpointedShard.open(dataDir, FileIo.DEFAULT, magnetic);
                    assertThat(shard.answers()).as("after %s", history).isEqualTo(reference.answers());
                }
            }
            assertThat(shard.answers()).as("after %s", history).isEqualTo(reference.answers());
            shard.close();
            shard = CheckpointedShard.open(dataDir, FileIo.DEFAULT, magnetic);
            assertThat(shard.answers()).as("restarted after %s", history).isEqualTo(reference.answers());
        } finally {
            shard.close();
        }
    }

    private static String result(CheckpointedShard shard, WriteBatch batch) {
        try {
            return shard.write(batch).toString();
        } catch (EngineException e) {
            return e.getMessage();
        }
    }

    /** 1 to 6 rows around {@code second} (some back-filled), versions 1 to 3, values from a small set. */
    private static WriteBatch batch(Random random, long second) {
        WriteBatchBuilder b = WriteBatch.builder(TestRows.TABLE, 0);
        int cpu = b.column("cpu", MeasureType.DOUBLE);
        int mem = b.column("mem", MeasureType.BIGINT);
        int note = b.column("note", MeasureType.VARCHAR);
        int rows = 1 + random.nextInt(6);
        for (int r = 0; r < rows; r++) {
            String host = HOSTS[random.nextInt(HOSTS.length)];
            long at = Math.max(0, second - (random.nextInt(4) == 0 ? random.nextInt(120) : random.nextInt(3)));
            b.addRow(b.series(SeriesKey.of(List.of(new Dimension("host", host)), "metrics")),
                    TestRows.T0 + at * TestRows.SECOND, 1 + random.nextInt(3));
            b.setDouble(cpu, random.nextInt(3));
            if (random.nextInt(3) == 0) {
                b.setLong(mem, random.nextInt(2));
            }
            if (random.nextInt(10) == 0) {
                b.setString(note, "n" + random.nextInt(2));
            }
        }
        return b.build();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
