package io.tidemark.engine.shard;

import static io.tidemark.engine.shard.TestRows.SECOND;
import static io.tidemark.engine.shard.TestRows.T0;
import static io.tidemark.engine.shard.TestRows.TABLE;
import static io.tidemark.engine.shard.TestRows.points;
import static io.tidemark.engine.shard.TestRows.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.engine.ManualClock;
import io.tidemark.engine.metering.EngineMeters;
import io.tidemark.engine.shard.TestRows.Doubles;
import io.tidemark.engine.tier.MagneticReader;
import io.tidemark.storage.checkpoint.CheckpointLayout;
import io.tidemark.storage.journal.JournalOptions;
import io.tidemark.storage.journal.ShardJournal;
import io.tidemark.storage.journal.WriteBatchSerializer;
import io.tidemark.storage.serialization.KryoPool;
import io.tidemark.engine.testing.SingleNodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints taken by the shard entity: on a graceful stop, once the journal has grown, after a migration commit. */
class SeriesShardCheckpointTest {

    private static final MagneticReader NO_MAGNETIC = (table, key, from, to) -> List.of();

    @TempDir
    Path dataDir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    private ActorTestKit testKit;
    private SeriesShardService service;

    private void start(String overrides) {
        stop();
        testKit = ActorTestKit.create("checkpoint-test", SingleNodeConfig.of(dataDir,
                "tidemark.engine.ask-timeout = 20s\n" + overrides));
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        service = SeriesShardService.init(testKit.system(), dataDir, clock, NO_MAGNETIC, new EngineMeters());
    }

    @AfterEach
    void stop() {
        if (testKit != null) {
            testKit.shutdownTestKit();
            testKit = null;
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
    }

    private void writeRows(int batches) {
        for (int batch = 0; batch < batches; batch++) {
            Doubles rows = new Doubles();
            for (int s = 0; s < 100; s++) {
                rows.add("h" + (s % 7), batch * 100 + s, 1, batch * 1000 + s);
            }
            assertThat(await(service.write(rows.build())).rejections()).isEmpty();
        }
    }

    private Map<Long, String> cpu(String host) {
        return points(await(service.scan(TABLE, 0, Long.MIN_VALUE, Long.MAX_VALUE)), series(host));
    }

    private Path journalDir() {
        return ShardJournal.directory(dataDir, TABLE, 0);
    }

    private List<String> manifests() throws IOException {
        Path dir = CheckpointLayout.directory(journalDir().getParent());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(CheckpointLayout.MANIFEST_PREFIX)
                    && n.endsWith(CheckpointLayout.MANIFEST_SUFFIX)).sorted().toList();
        }
    }

    @Test
    void aStoppedNodeLeavesAnEmptyJournalAndRestartsFromItsCheckpoint() throws IOException {
        start("");
        writeRows(5);
        await(service.write(new Doubles().add("h0", 0, 2, -1.0).build()));   // an upsert, in an open chunk
        Map<Long, String> before = cpu("h0");
        assertThat(manifests()).as("nothing reached a checkpoint trigger").isEmpty();

        stop();
        assertThat(manifests()).hasSize(1);
        try (ShardJournal journal = ShardJournal.open(journalDir(), JournalOptions.defaults(),
                WriteBatchSerializer.register(KryoPool.builder()).build())) {
            assertThat(journal.lastIndex()).as("the stop checkpoint covers every entry").isEqualTo(ShardJournal.NO_INDEX);
        }

        start("");
        assertThat(cpu("h0")).isEqualTo(before).containsEntry(0L, "v2 measure_value::double=-1.0");
        assertThat(await(service.stats(TABLE, 0)).series()).isEqualTo(7);
        // the checkpointed rows still decide duplicates, and the open chunks keep taking points
        assertThat(await(service.write(new Doubles().add("h0", 0, 1, 0.0).add("h1", 9_999, 1, 7.0).build()))
                .rejections()).containsExactly(new RowRejection(0, 2, true));
        start("");
        assertThat(cpu("h1")).containsEntry(9_999L, "v1 measure_value::double=7.0").hasSize(5 * 15 + 1);
    }

    @Test
    void aGrowingJournalIsCheckpointedWhileTheShardRuns() throws IOException {
        start("tidemark.engine.shard.checkpoint.journal-bytes = 4KiB");
        writeRows(6);
        assertThat(manifests()).as("six 100-row batches pass 4 KiB of journal").isNotEmpty();
        Map<Long, String> before = cpu("h3");

        start("tidemark.engine.shard.checkpoint.journal-bytes = 4KiB");
        assertThat(cpu("h3")).isEqualTo(before).hasSize(6 * 14);
    }

    @Test
    void aCommittedMigrationIsCheckpointedWithoutItsChunks() throws IOException {
        start("");
        await(service.write(new Doubles().add("a", 1, 1, 1.0).add("a", 2, 1, 2.0).add("a", 5, 1, 5.0).build()));
        FrozenChunks frozen = await(service.freezeForMigration(TABLE, 0, T0 + 3 * SECOND));
        await(service.commitMigration(TABLE, 0, frozen.migrationId()));
        assertThat(manifests()).as("the commit took a checkpoint").hasSize(1);

        start("");
        assertThat(cpu("a")).containsOnlyKeys(5L);
        // the next migration id still grows past the committed one
        assertThat(await(service.freezeForMigration(TABLE, 0, T0 + 9 * SECOND)).migrationId())
                .isGreaterThan(frozen.migrationId());
    }
}
